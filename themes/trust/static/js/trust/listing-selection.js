/*
 * The listing filters of the partners and apps pages, as data: which items a choice of values shows, and the
 * address that keeps the choice (?tier=gold&grade=green). Pure: listing-filters.js applies it to the page.
 *
 * An item is {filter: [values]} (from its data-* attributes, "a|b" split at "|"); a choice is a list of
 * {filter, name, value}: the item attribute it tests, the name it has in the address, the value chosen.
 */

/** The values of one item attribute, "soc2|iso27001" → ["soc2", "iso27001"]; none for an empty or missing one. */
export function tokens(value) {
  return value ? value.split("|") : [];
}

/** Whether `item` has every value chosen. */
export function itemMatches(item, choices) {
  return choices.every((choice) => (item[choice.filter] || []).indexOf(choice.value) !== -1);
}

/** The `values` some item has under `filter`, in their order: an option no item has would only empty the list. */
export function valuesInUse(values, items, filter) {
  return values.filter((value) => items.some((item) => (item[filter] || []).indexOf(value) !== -1));
}

/**
 * The value each select ({name, values}) takes from the address's query, as a Map of name to value: the first
 * value given for its name, if it is one of its values; names and values the page does not offer are left out.
 */
export function choiceFromQuery(query, selects) {
  const params = new URLSearchParams(query);
  const chosen = new Map();
  for (const select of selects) {
    const wanted = params.get(select.name);
    if (wanted && select.values.indexOf(wanted) !== -1) chosen.set(select.name, wanted);
  }
  return chosen;
}

/** The query (without "?") that keeps `choices`, in their order; "" for none. */
export function queryFromChoice(choices) {
  const query = new URLSearchParams();
  for (const choice of choices) query.set(choice.name, choice.value);
  return query.toString();
}

/** "Showing 3 of 12 apps.": the noun agrees with the total (`one`, `many`). */
export function shownText(shown, total, one, many) {
  return "Showing " + shown + " of " + total + " " + (total === 1 ? one : many) + ".";
}
