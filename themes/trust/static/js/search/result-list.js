/*
 * The results listed so far: a page of cards at a time, "Show more results" for the next.
 */
import { resultCard } from "./result-card.js";

// Each card fetches its Pagefind fragment (and a logo): a first page of ten keeps a first search light.
const PAGE_SIZE = 10;

/**
 * The list of results shown in `list` (an <ol>), with `moreBar` shown while some are left. `isCurrent(request)`
 * says whether a search is still the latest: the cards of an older one are never added.
 */
export function resultList(list, moreBar, siteRoot, isCurrent) {
  let results = [];
  let shown = 0;

  return {
    /** Forget the results and empty the list. */
    clear() {
      list.replaceChildren();
      moreBar.hidden = true;
      results = [];
      shown = 0;
    },

    /** Pagefind's results of a new search, none of them shown yet. */
    set(found) {
      results = found;
    },

    /** Add the next page of cards for `request`; resolves to {first, items}: the first card added, the data shown. */
    showMore(request) {
      const slice = results.slice(shown, shown + PAGE_SIZE);
      return Promise.all(slice.map((result) => result.data())).then((items) => {
        if (!isCurrent(request)) return { first: null, items: [] };
        let first = null;
        for (const data of items) {
          const card = resultCard(data, siteRoot);
          first = first || card;
          list.appendChild(card);
        }
        shown += items.length;
        moreBar.hidden = shown >= results.length;
        return { first, items };
      });
    },
  };
}
