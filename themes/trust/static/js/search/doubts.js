/*
 * Whether Pagefind's answer may not be what was meant. Pagefind forgives no misspelling: it leaves out of a search
 * any word that matches nothing ("acme snyc" finds what "acme" finds), and searches for a shorter beginning of a
 * word it does not know ("cloudwroks" finds "cloud"). No DOM: the search function is passed in.
 */
import { words } from "./spelling.js";

/** The distinct words of a search as typed, split at spaces: those with a letter or digit in them. */
export function typedWords(term) {
  return term.split(/\s+/).filter((word, i, all) => /[\p{L}\p{N}]/u.test(word) && all.indexOf(word) === i);
}

/**
 * The words of a search that match no page at all, which Pagefind leaves out of the search. `search(word)`
 * resolves to Pagefind's answer ({results}); a search of one word is never asked about.
 */
export function unmatchedWords(term, search) {
  const typed = typedWords(term);
  if (typed.length < 2) return Promise.resolve([]);
  return Promise.all(typed.map((word) => search(word).then((alone) => (alone.results.length ? null : word)))).then(
    (missing) => missing.filter(Boolean)
  );
}

/**
 * The words typed that begin no word of the results shown (`items`, Pagefind's data of each): Pagefind matched
 * something shorter, or a stem.
 */
export function unconfirmedWords(term, items) {
  const seen = new Set();
  for (const data of items) for (const word of words(data.content || "")) seen.add(word);
  const known = [...seen];
  return words(term).filter((typed) => !known.some((word) => word.indexOf(typed) === 0));
}
