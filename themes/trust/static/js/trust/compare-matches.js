/*
 * The compare picker's suggestions: which apps match what is typed. Pure: no DOM, no network.
 *
 * The names are search/names.json's entries ({name, kind, url, partner}); an app's id is the last part of its
 * page's URL (apps/<id>/). Matching ignores case and accents: names that start with what is typed come first,
 * then names with a word that starts with it, then names that contain it, then apps whose partner's name
 * matches; within each, in name order.
 */

export const MAX_SUGGESTIONS = 8;

/** The app id of a page URL such as "apps/acme-sync/", or "" when it is not an app page. */
export function appIdOf(url) {
  const match = /^apps\/([^/]+)\/$/.exec(url || "");
  return match ? decodeURIComponent(match[1]) : "";
}

/** `text` folded for matching: lower case, accents and surrounding spaces removed. */
export function folded(text) {
  return String(text || "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .trim();
}

function rank(app, query) {
  const name = folded(app.name);
  if (name.startsWith(query)) return 0;
  if (name.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(query))) return 1;
  if (name.includes(query)) return 2;
  if (folded(app.partner).includes(query)) return 3;
  return -1;
}

/**
 * The apps among `names` that match `typed`, best first, at most `limit`, leaving out the ids in `chosen`:
 * [{id, name, partner}]. Nothing is suggested for an empty query.
 */
export function matchingApps(names, typed, chosen = [], limit = MAX_SUGGESTIONS) {
  const query = folded(typed);
  if (!query) return [];
  const found = [];
  for (const entry of names) {
    if (entry.kind !== "App") continue;
    const id = appIdOf(entry.url);
    if (!id || chosen.indexOf(id) !== -1) continue;
    const place = rank(entry, query);
    if (place >= 0) found.push({ place, id, name: String(entry.name), partner: String(entry.partner || "") });
  }
  found.sort((a, b) => a.place - b.place || a.name.localeCompare(b.name, "en") || a.id.localeCompare(b.id, "en"));
  return found.slice(0, limit).map(({ id, name, partner }) => ({ id, name, partner }));
}

/** The label of a suggestion or a chosen app: "Acme Sync by Acme Cloudworks". */
export function appLabel(app) {
  return app.partner ? app.name + " by " + app.partner : app.name;
}
