/*
 * Facets as Pagefind sees them, and their counts. Within one facet the values are alternatives (Gold or Silver),
 * across facets all must hold (Gold and Green). No DOM: the search function is passed in.
 */

/** How many values are chosen, over every facet. */
export function filterCount(filters) {
  return Object.keys(filters).reduce((sum, key) => sum + filters[key].length, 0);
}

/** Pagefind's filter object for the chosen values: any of them within a facet, every facet; `except` left out. */
export function pagefindFilters(filters, except) {
  const result = {};
  for (const key of Object.keys(filters)) {
    if (key !== except) result[key] = { any: filters[key] };
  }
  return result;
}

/**
 * The count of each value of each facet (`keys`), {facet: {value: count}}, for `state`. `found` is Pagefind's
 * answer to the search itself, `totals` the counts over the whole index, and `search(term, options)` asks
 * Pagefind again. For a facet with values chosen, its counts are those of the search without its own choice,
 * so that "Silver (3)" still says what choosing Silver as well as Gold would add.
 */
export function facetCounts(state, keys, found, totals, search) {
  return Promise.all(
    keys.map((key) => {
      if (!state.filters[key]) return Promise.resolve(found.filters || {});
      const others = pagefindFilters(state.filters, key);
      if (!state.term && !Object.keys(others).length) return Promise.resolve(totals);
      return search(state.term || null, { filters: others }).then((without) => without.filters || {});
    })
  ).then((perFacet) => {
    const counts = {};
    keys.forEach((key, i) => {
      counts[key] = perFacet[i][key] || {};
    });
    return counts;
  });
}
