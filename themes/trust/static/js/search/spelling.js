/*
 * How alike two words are, the measure behind "Did you mean …?". Pure: no DOM, no network.
 */

/** The words of `text` as search compares them: lower case, no accents, split at anything not a letter or digit. */
export function words(text) {
  return String(text)
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Damerau–Levenshtein distance (optimal string alignment): "snyc" is one transposition from "sync". */
export function distance(a, b) {
  const rows = [];
  for (let i = 0; i <= a.length; i += 1) rows.push([i]);
  for (let j = 1; j <= b.length; j += 1) rows[0].push(j);
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2][j - 2] + 1);
      }
      rows[i][j] = best;
    }
  }
  return rows[a.length][b.length];
}

/** 1 for the same word, 0 for nothing alike: the distance, as a share of the longer word. */
export function similarity(a, b) {
  return 1 - distance(a, b) / Math.max(a.length, b.length, 1);
}

/** How close one typed word is to one word of a name: the same, its beginning, or a misspelling of either. */
export function wordScore(typed, word) {
  if (typed === word) return 1;
  if (typed.length >= 2 && word.indexOf(typed) === 0) return 0.95;
  let score = similarity(typed, word);
  if (typed.length >= 3 && word.length > typed.length) {
    score = Math.max(score, similarity(typed, word.slice(0, typed.length)) - 0.1);
  }
  return score;
}
