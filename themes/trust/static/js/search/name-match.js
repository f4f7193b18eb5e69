/*
 * Searching names: which records of a file of the index of names (search/names/, written by the build) a search
 * finds, in what order, and the counts of each facet's values among them, answered as Pagefind answers, so that
 * the page lays out either alike. Pure: no DOM, no network (name-index.js fetches the files).
 *
 * Every word typed must begin a word of the record's name (an app's: or of its partner's name); the best matches
 * come first: the whole name as typed, then words of its own name matched whole, then beginnings, then its
 * partner's name; among equals, partners before apps, badges and tiers ("acme" lists Acme before its apps). Then,
 * and when sorted by name, records keep the file's order, which is the names'.
 */
import { words } from "./spelling.js";

// A word of a name is filed under this many of its first letters (generator/outputs/search_names.py).
export const KEY_LETTERS = 3;
const KIND_ORDER = ["Partner", "App", "Badge", "Tier"];

function kindRank(record) {
  const rank = KIND_ORDER.indexOf((record.meta || {}).kind);
  return rank === -1 ? KIND_ORDER.length : rank;
}

/** The beginning a word is filed under: its first letters, counted as characters, not UTF-16 units. */
export function wordKey(word) {
  return Array.from(word).slice(0, KEY_LETTERS).join("");
}

/** The index file (relative to search/names/) of the records with a word beginning `key`: its UTF-8 in hex. */
export function keyFile(key) {
  return Array.from(new TextEncoder().encode(key), (byte) => byte.toString(16).padStart(2, "0")).join("") + ".json";
}

/**
 * The words of a search whose file may be read, in the order they are tried: the longest first (the fewest
 * records), the first typed of equals, each once. A file of too many records to list is passed over for the
 * next word's.
 */
export function keyWords(typed) {
  const length = (word) => Array.from(word).length;
  const distinct = typed.filter((word, i) => typed.indexOf(word) === i);
  return distinct
    .map((word, i) => ({ word, i }))
    .sort((a, b) => length(b.word) - length(a.word) || a.i - b.i)
    .map(({ word }) => word);
}

/** Whether a search by name of these words could be complete: its longest word is at least KEY_LETTERS long. */
export function longEnough(typed) {
  const [word] = keyWords(typed);
  return word !== undefined && Array.from(word).length >= KEY_LETTERS;
}

function wordMatch(typed, nameWords, whole, begins) {
  let best = 0;
  for (const word of nameWords) {
    if (word === typed) return whole;
    if (word.startsWith(typed)) best = begins;
  }
  return best;
}

/** How well the typed words match a record ({meta: {title, partner}}): 0 when some word begins no word of it. */
export function nameScore(typed, record) {
  const meta = record.meta || {};
  const own = words(meta.title || "");
  const partner = words(meta.partner || "");
  let score = 0;
  for (const word of typed) {
    const found = wordMatch(word, own, 4, 3) || wordMatch(word, partner, 2, 1);
    if (!found) return 0;
    score += found;
  }
  return own.join(" ") === typed.join(" ") ? score + 100 : score;
}

/** Whether a record's facet values ({facet: [values]}) meet Pagefind's filters ({facet: {any: [values]}}). */
export function meetsFilters(record, filters) {
  const values = record.filters || {};
  return Object.keys(filters || {}).every((key) => {
    const wanted = (filters[key] && filters[key].any) || [];
    return (values[key] || []).some((value) => wanted.indexOf(value) !== -1);
  });
}

/** The count of each facet's values among `records`: {facet: {value: count}}. */
export function valueCounts(records) {
  const counts = {};
  for (const record of records) {
    for (const key of Object.keys(record.filters || {})) {
      counts[key] = counts[key] || {};
      for (const value of record.filters[key]) counts[key][value] = (counts[key][value] || 0) + 1;
    }
  }
  return counts;
}

/**
 * The answer to a search of `term` among `records` (one file's, in its order), with Pagefind's options
 * ({filters, sort}): {results: [{record, score}], filters, totalFilters, unfilteredResultCount}, the counts as
 * Pagefind gives them (among the results, and among the records the words find whatever the filters).
 */
export function matchNames(records, term, options = {}) {
  const typed = words(term || "");
  const found = [];
  records.forEach((record, order) => {
    const score = typed.length ? nameScore(typed, record) : 0;
    if (score) found.push({ record, score, order });
  });
  const sorted = options.sort && Object.keys(options.sort).length;
  if (!sorted) {
    found.sort((a, b) => b.score - a.score || kindRank(a.record) - kindRank(b.record) || a.order - b.order);
  }
  if (sorted && Object.values(options.sort)[0] === "desc") found.reverse();
  const results = found.filter((match) => meetsFilters(match.record, options.filters));
  return {
    results: results.map(({ record, score }) => ({ record, score })),
    filters: valueCounts(results.map((match) => match.record)),
    totalFilters: valueCounts(found.map((match) => match.record)),
    unfilteredResultCount: found.length,
  };
}
