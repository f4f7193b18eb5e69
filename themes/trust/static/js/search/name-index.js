/*
 * The index of names (search/names/, written by the build) as the search page uses Pagefind's: search(term,
 * options) resolves to an answer of Pagefind's shape, each result's data() its card's data. A search reads the
 * one file of its longest word's first letters, once (name-match.js says which and what it finds); a file that
 * is not there means no name has such a word. A file of a beginning too many names share lists none: the next
 * word's is read, and when every word's is such a file the answer says `tooCommon` and finds nothing.
 */
import { keyFile, keyWords, matchNames, wordKey } from "./name-match.js";
import { words } from "./spelling.js";

/** Pagefind's data of a page, for a record of the index of names: no excerpt, its name is its content. */
function pageData(record, siteRoot) {
  const meta = record.meta || {};
  return {
    url: new URL(record.url, siteRoot).href,
    meta,
    excerpt: "",
    sub_results: [],
    content: [meta.title || "", meta.partner || ""].join(" "),
  };
}

/** The index of names under `indexUrl` (URL of search/names/), its records' addresses read from `siteRoot`. */
export function nameIndex(indexUrl, siteRoot) {
  const files = new Map();

  // The records of a file (null: too many to list).
  function recordsOf(key) {
    if (!files.has(key)) {
      const loading = fetch(new URL(keyFile(key), indexUrl).href, { headers: { Accept: "application/json" } })
        .then((response) => {
          if (response.status === 404) return [];
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json().then((document) => {
            if (document.too_many) return null;
            return Array.isArray(document.records) ? document.records : [];
          });
        });
      // A failure is not remembered: the next search tries again.
      loading.catch(() => files.delete(key));
      files.set(key, loading);
    }
    return files.get(key);
  }

  return {
    search(term, options = {}) {
      // The first word's file that lists its records; null when none does.
      const listedFor = (candidates) => {
        if (!candidates.length) return Promise.resolve(null);
        return recordsOf(wordKey(candidates[0])).then((listed) => listed || listedFor(candidates.slice(1)));
      };
      const typed = words(term || "");
      return listedFor(keyWords(typed)).then((listed) => {
        if (listed === null && typed.length) return { ...matchNames([], term, options), tooCommon: true };
        const answer = matchNames(listed || [], term, options);
        const results = answer.results.map(({ record, score }) => ({
          id: record.url,
          score,
          data: () => Promise.resolve(pageData(record, siteRoot)),
        }));
        return { ...answer, results };
      });
    },
  };
}
