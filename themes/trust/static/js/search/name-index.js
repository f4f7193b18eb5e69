/*
 * The index of names (search/names/, written by the build) as the search page uses Pagefind's: search(term,
 * options) resolves to an answer of Pagefind's shape, each result's data() its card's data. A search reads the
 * one file of its longest word's first letters, once (name-match.js says which and what it finds); a file that
 * is not there means no name has such a word.
 */
import { keyFile, keyWord, matchNames, wordKey } from "./name-match.js";
import { words } from "./spelling.js";

/** Pagefind's data of a page, for a record of the index of names: no excerpt, its name is its content. */
function pageData(record, siteRoot) {
  const meta = record.meta || {};
  return {
    url: new URL(record.url, siteRoot).pathname,
    meta,
    excerpt: "",
    sub_results: [],
    content: [meta.title || "", meta.partner || ""].join(" "),
  };
}

/** The index of names under `indexUrl` (URL of search/names/), its records' addresses read from `siteRoot`. */
export function nameIndex(indexUrl, siteRoot) {
  const files = new Map();

  function recordsOf(key) {
    if (!files.has(key)) {
      const loading = fetch(new URL(keyFile(key), indexUrl).href, { headers: { Accept: "application/json" } })
        .then((response) => {
          if (response.status === 404) return [];
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json().then((document) => (Array.isArray(document.records) ? document.records : []));
        });
      // A failure is not remembered: the next search tries again.
      loading.catch(() => files.delete(key));
      files.set(key, loading);
    }
    return files.get(key);
  }

  return {
    search(term, options = {}) {
      const word = keyWord(words(term || ""));
      const records = word === null ? Promise.resolve([]) : recordsOf(wordKey(word));
      return records.then((listed) => {
        const answer = matchNames(listed, term, options);
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
