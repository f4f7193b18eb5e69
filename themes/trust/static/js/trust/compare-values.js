/*
 * How an app's API file (api/v1/apps/<id>.json, written by the site's build) reads in the compare table. Its
 * fields are read defensively: a missing or unexpected value reads as a dash, never as an error. Pure.
 */

const STATES = ["earned", "expiring", "expired", "not-earned", "exempt", "retired"];
const STATE_SHORT = {
  earned: "Earned",
  expiring: "Expiring",
  expired: "Expired",
  "not-earned": "Not earned",
  exempt: "Exempt",
  retired: "Retired",
};
const STANDINGS = {
  "good-standing": "in good standing",
  "at-risk": "at risk",
  suspended: "suspended",
};

/** A field as text: strings and numbers as they are, a record by its name (or label, title, id), else "—". */
export function text(value) {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string" || typeof value === "number") return String(value);
  return value.name || value.label || value.title || value.id || "—";
}

/** The partner's CAIQ-Lite grade: "Green", or colour and label ("Green · …"); "Not assessed" without one. */
export function gradeText(grade) {
  if (!grade) return "Not assessed";
  if (typeof grade === "string") return grade.charAt(0).toUpperCase() + grade.slice(1);
  const colour = grade.grade ? grade.grade.charAt(0).toUpperCase() + grade.grade.slice(1) : "";
  return [colour, grade.label].filter(Boolean).join(" · ") || "Not assessed";
}

/** The partner's tier and its standing: "Platinum, in good standing"; "No tier" without one. */
export function tierText(app) {
  const tier = app.tier;
  if (!tier) return "No tier";
  const name = typeof tier === "string" ? tier.charAt(0).toUpperCase() + tier.slice(1) : tier.name || tier.id;
  const standing = typeof tier === "object" && tier.standing_label ? tier.standing_label : app.tier_standing;
  if (!standing) return name;
  return name + ", " + (STANDINGS[standing] || String(standing).replace(/-/g, " "));
}

/**
 * A badge's state as the table shows it: {state, short, detail} (site.css marks each state with its shape). An unknown state reads as not earned;
 * `detail` is the long label ("Earned, valid until …") when it says more than the short one, else null.
 */
export function badgeState(badge) {
  const state = STATES.indexOf(badge.state) !== -1 ? badge.state : "not-earned";
  const short = badge.state_short || STATE_SHORT[state];
  const detail = badge.state_label && badge.state_label !== short ? badge.state_label : null;
  return { state, short, detail };
}

/** The provenance class modifier: "verified", anything else "self-attested". */
export function provenanceClass(provenance) {
  return provenance === "verified" ? "verified" : "self-attested";
}

/**
 * One row per badge, [{id, name, cells}], in the order of the first app, then any badge only a later app has;
 * `cells` holds each app's badge record, or null where the app has no such badge.
 */
export function badgeRows(apps) {
  const rows = [];
  const seen = new Set();
  for (const app of apps) {
    for (const badge of app.badges || []) {
      if (seen.has(badge.id)) continue;
      seen.add(badge.id);
      rows.push({ id: badge.id, name: badge.name || badge.id });
    }
  }
  return rows.map((row) => ({
    ...row,
    cells: apps.map((app) => (app.badges || []).find((badge) => badge.id === row.id) || null),
  }));
}
