/*
 * What the search page says: its status line and its title. Pure: every function returns text.
 */
import { filterCount } from "./facets.js";

/** "1 result", "2 results". */
export function plural(count, one, many) {
  return count + " " + (count === 1 ? one : many);
}

/** The page's title while `term` is searched for. */
export function pageTitle(term, baseTitle) {
  return term ? "“" + term + "” · " + baseTitle : baseTitle;
}

/**
 * The status line for `count` results of `state`, naming the words that matched nothing (`unmatched`); `inNames`
 * when only names were searched.
 */
export function describeResults(state, count, unmatched, inNames = false) {
  const what = (state.term ? " for “" + state.term + "”" : "") + (inNames ? " in names" : "");
  const filters = filterCount(state.filters);
  const within = filters ? " with " + plural(filters, "filter", "filters") : "";
  const order = state.sort === "name" || !state.term ? ", sorted by name" : "";
  const quoted = unmatched && unmatched.length ? unmatched.map((word) => "“" + word + "”").join(", ") : "";
  const missing = quoted ? " (" + quoted + " matched nothing)" : "";
  return plural(count, "result", "results") + what + within + missing + order + ".";
}

/** The status line when nothing is found, with how many the search finds without its filters (`unfiltered`). */
export function describeNothing(state, unfiltered) {
  const filters = filterCount(state.filters);
  let message = "No results" + (state.term ? " for “" + state.term + "”" : "");
  if (filters && unfiltered) {
    message += " with these filters; " + plural(unfiltered, "result", "results") + " without them";
  }
  return message + ".";
}

/** The status line `message` with the names suggested (`found`), or else the corrected search if it finds something. */
export function withSuggestions(message, found, corrected) {
  if (found.length) return message + " Did you mean " + found.map((name) => name.name).join(", or ") + "?";
  if (corrected) return message + " Did you mean “" + corrected + "”?";
  return message;
}

/** The status line when no name has a word as short as one typed: only whole words that short are filed. */
export function describeShortWord(term) {
  return "No name has the word “" + term + "”. Type more of it, or search all text.";
}

/** The status line of a search of all text that ran because no name matched. */
export function afterNoName(message) {
  return "No name matches. In the text of every page: " + message;
}
