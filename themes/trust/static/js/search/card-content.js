/*
 * What a result's card shows, decided from Pagefind's data of the page (its meta and sub-results). Pure: the
 * card itself is made by result-card.js.
 */

export const MAX_BADGES = 4;
export const MAX_SECTIONS = 3;
const CLASS_TOKEN = /^[a-z0-9-]+$/;

/** `value` if it can name a CSS class modifier (tier--gold), else `fallback`: an index value never adds classes. */
export function classToken(value, fallback) {
  return CLASS_TOKEN.test(value || "") ? value : fallback;
}

/**
 * The badges a result lists ("a|b|c" in its meta), at most `max`, each with whether it rests on the partner's
 * word (named in the meta's "self_attested", same form), and how many more it holds; null for none.
 */
export function badgeChips(badges, selfAttested = "", max = MAX_BADGES) {
  if (!badges) return null;
  const names = badges.split("|");
  const attested = new Set(selfAttested ? selfAttested.split("|") : []);
  return {
    chips: names.slice(0, max).map((name) => ({ name, selfAttested: attested.has(name) })),
    more: Math.max(names.length - max, 0),
  };
}

/**
 * The sections of a content page that matched ({title, url}), at most `max`. Sections are worth listing on the
 * long content pages; on a record page they would repeat its card, so a record lists none.
 */
export function matchingSections(data, max = MAX_SECTIONS) {
  const meta = data.meta || {};
  if (meta.kind !== "Page") return [];
  return (data.sub_results || [])
    .filter((sub) => sub.url && sub.url.indexOf("#") !== -1 && sub.title && sub.title !== meta.title)
    .slice(0, max);
}
