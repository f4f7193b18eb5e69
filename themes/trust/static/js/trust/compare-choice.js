/*
 * The apps chosen on the compare page: how many may be, the address that keeps them (?apps=acme-sync,hooli-chat)
 * and what the status line says. Pure.
 */

export const MIN_APPS = 2;
export const MAX_APPS = 4;

/** The app ids the address's query asks for: the first `apps` parameter, split at commas, its first four entries. */
export function appsFromQuery(query, max = MAX_APPS) {
  return (new URLSearchParams(query).get("apps") || "").split(",").filter(Boolean).slice(0, max);
}

/** The query (with its "?") that keeps the chosen `ids`, in order; "" for none. */
export function queryFromApps(ids) {
  return ids.length ? "?apps=" + ids.map(encodeURIComponent).join(",") : "";
}

/** The status line while too few apps are chosen to compare, or while `count` of them load. */
export function choosingText(count) {
  if (count === 0) return "Choose two to four apps.";
  if (count < MIN_APPS) return "Choose at least one more app.";
  return "Loading " + count + " apps…";
}

/**
 * The status line once the apps are loaded: the `names` compared, whether the choice is `full`, and the names of
 * the apps whose data could not be loaded (`failed`).
 */
export function comparedText(names, full, failed) {
  let message = "Comparing " + names.join(", ") + ": see the table below.";
  if (full) message += " That is the most you can compare: clear one to choose another.";
  if (failed.length) message = "Could not load the data of " + failed.join(", ") + ". " + (names.length ? message : "");
  return message;
}
