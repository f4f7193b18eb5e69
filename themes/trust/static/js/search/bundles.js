/*
 * The search index comes in bundles (the build splits it so that no Pagefind run holds every page in memory:
 * generator/search/bundles.py). The page loads the first with Pagefind's script and merges the others into it
 * (pagefind-index.js), so that one script, one worker and one WebAssembly module serve them all; Pagefind then
 * answers for every bundle at once, its results ranked by score. Each bundle's pages carry a filter of their own
 * (BUNDLE_FILTER), which this module keeps out of the counts and which a sorted search uses to ask each bundle in
 * turn. Pure: no DOM, no network.
 *
 * A bundle holds a range of the pages' sort names, the bundles listed in name order: a sorted search's results
 * are each bundle's sorted results, one bundle after the other.
 */

// The filter Pagefind gives every page of a bundle (its place in the list, from 0), never shown.
export const BUNDLE_FILTER = "search-bundle";

/** The address of each bundle's script, from Pagefind's script in the first bundle and the bundles' list. */
export function bundleScripts(scriptUrl, listing) {
  const bundles = listing && Array.isArray(listing.bundles) && listing.bundles.length ? listing.bundles : ["./"];
  const first = new URL("./", scriptUrl);
  return bundles.map((directory) => new URL("pagefind.js", new URL(directory, first)));
}

/** Pagefind's `mergeFilter` option for the bundle at `position` in the list: every page of it tagged so. */
export function bundleTag(position) {
  return { [BUNDLE_FILTER]: String(position) };
}

/** Pagefind's filters (`filters`, if any) narrowed to the bundle at `position`. */
export function inBundle(filters, position) {
  return { ...(filters || {}), [BUNDLE_FILTER]: String(position) };
}

/** Pagefind's counts ({filter: {value: count}}) without the bundles' own filter. */
export function withoutBundles(counts) {
  const rest = { ...(counts || {}) };
  delete rest[BUNDLE_FILTER];
  return rest;
}

/** Pagefind's answer as the page reads it: the counts without the bundles' own filter. */
export function pageAnswer(answer) {
  return { ...answer, filters: withoutBundles(answer.filters), totalFilters: withoutBundles(answer.totalFilters) };
}

/**
 * A sorted search's answer: `whole` is Pagefind's answer over every bundle (its counts stand), `perBundle` the
 * same search narrowed to each bundle in turn, in the list's order. The results are each bundle's, bundle after
 * bundle (in reverse for "desc").
 */
export function sortedAnswer(whole, perBundle, sort) {
  const key = Object.keys(sort)[0];
  const ordered = sort[key] === "desc" ? [...perBundle].reverse() : perBundle;
  return { ...pageAnswer(whole), results: ordered.flatMap((answer) => answer.results) };
}
