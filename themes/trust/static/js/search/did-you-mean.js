/*
 * "Did you mean …?": the names closest to what was typed, and the search with its misspelt words corrected.
 * Pure: the names come in as an argument (search/names.json, loaded by names.js).
 */
import { similarity, wordScore, words } from "./spelling.js";

// A name is suggested when it is at least this close to what was typed (0: nothing alike, 1: the same).
export const SUGGESTION_THRESHOLD = 0.7;
// Every word typed must come at least this close to some word of a suggested name.
export const WORD_THRESHOLD = 0.6;
export const MAX_SUGGESTIONS = 3;
// Among names as close as each other, partners come first, then apps, badges, tiers and pages.
const KIND_ORDER = ["Partner", "App", "Badge", "Tier", "Page"];

/** How close the typed words are to `name`, from 0 to 1. */
export function nameScore(typedWords, name) {
  const nameWords = words(name);
  if (!typedWords.length || !nameWords.length) return 0;
  let total = 0;
  for (const typed of typedWords) {
    let best = 0;
    for (const word of nameWords) best = Math.max(best, wordScore(typed, word));
    if (best < WORD_THRESHOLD) {
      total = -1;
      break;
    }
    total += best;
  }
  const byWords = total < 0 ? 0 : total / typedWords.length;
  // Spaces typed in the wrong place ("acmesync", "acme cloud works") are caught on the whole name.
  const whole = similarity(typedWords.join(""), nameWords.join(""));
  return Math.max(byWords, whole);
}

/** The names ({name, kind, url}) worth suggesting for `term`, closest first, with their scores; at most three. */
export function suggest(term, names) {
  const typed = words(term);
  return names
    .map((name) => ({ name: name.name, kind: name.kind, url: name.url, score: nameScore(typed, name.name) }))
    .filter((name) => name.score >= SUGGESTION_THRESHOLD && name.name.toLowerCase() !== term.toLowerCase())
    .sort(
      (a, b) =>
        b.score - a.score || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name)
    )
    .slice(0, MAX_SUGGESTIONS);
}

/**
 * The query with each word that begins no known name word replaced by the closest one: "acme snyc" → "acme sync";
 * null when no word changes.
 */
export function correctTerm(term, names) {
  const vocabulary = new Set();
  for (const name of names) for (const word of words(name.name)) vocabulary.add(word);
  const known = [...vocabulary].sort();
  let changed = false;
  const corrected = words(term).map((typed) => {
    if (known.some((word) => word.indexOf(typed) === 0)) return typed;
    let best = null;
    let bestScore = WORD_THRESHOLD;
    for (const word of known) {
      const score = wordScore(typed, word);
      if (score > bestScore) {
        best = word;
        bestScore = score;
      }
    }
    if (!best) return typed;
    changed = true;
    return best;
  });
  return changed ? corrected.join(" ") : null;
}
