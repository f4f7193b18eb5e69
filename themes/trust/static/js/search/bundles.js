/*
 * The search index comes in bundles (the build splits it so that no Pagefind run holds every page in memory:
 * generator/search/bundles.py). Each bundle answers for its own pages; this module makes one answer of theirs,
 * as one index would give it. Pure: no DOM, no network.
 *
 * A bundle holds a range of the pages' sort names, the bundles listed in name order: a sorted search's results
 * are each bundle's sorted results, one bundle after the other. Otherwise results are ranked by score.
 */

/** The address of each bundle's script, from Pagefind's script in the first bundle and the bundles' list. */
export function bundleScripts(scriptUrl, listing) {
  const bundles = listing && Array.isArray(listing.bundles) && listing.bundles.length ? listing.bundles : ["./"];
  const first = new URL("./", scriptUrl);
  return bundles.map((directory) => new URL("pagefind.js", new URL(directory, first)));
}

/** The counts of each filter value summed over the bundles' counts ({filter: {value: count}} each). */
export function mergeFilters(counts) {
  const merged = {};
  for (const bundle of counts) {
    for (const [filter, values] of Object.entries(bundle || {})) {
      const into = merged[filter] || (merged[filter] = {});
      for (const [value, count] of Object.entries(values)) into[value] = (into[value] || 0) + count;
    }
  }
  return merged;
}

/**
 * One answer from the bundles' answers to the same search, in bundle order. `sort` is the search's sort
 * ({name: "asc"}), if any: then the results keep each bundle's order, bundle after bundle (in reverse for "desc");
 * otherwise they are ranked by score, the first bundle's first among equals.
 */
export function mergeAnswers(answers, sort) {
  const keys = sort ? Object.keys(sort) : [];
  let results;
  if (keys.length) {
    const ordered = sort[keys[0]] === "desc" ? [...answers].reverse() : answers;
    results = ordered.flatMap((answer) => answer.results);
  } else {
    results = answers.flatMap((answer) => answer.results).sort((a, b) => b.score - a.score);
  }
  return {
    results,
    unfilteredResultCount: answers.reduce((sum, answer) => sum + (answer.unfilteredResultCount || 0), 0),
    filters: mergeFilters(answers.map((answer) => answer.filters)),
    totalFilters: mergeFilters(answers.map((answer) => answer.totalFilters)),
  };
}
