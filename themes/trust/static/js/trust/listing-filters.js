/*
 * The listing filters of the partners and apps pages (form[data-filters]): select boxes that hide the items
 * without the values chosen. Without JavaScript the form stays hidden and the full list is shown.
 */
import { choiceFromQuery, itemMatches, queryFromChoice, shownText, tokens, valuesInUse } from "./listing-selection.js";

/** Wire the filter `form` to the list it names (data-filters), and show it. */
export function setUpFilters(form) {
  const list = document.getElementById(form.dataset.filters);
  if (!list) return;
  const elements = Array.from(list.querySelectorAll("[data-filter-item]"));
  const selects = Array.from(form.querySelectorAll("select[data-filter]"));
  const count = document.querySelector("[data-filter-count]");
  const empty = document.querySelector("[data-filter-empty]");
  const initialCount = count ? count.textContent : "";
  const one = count ? count.dataset.nounOne : "item";
  const many = count ? count.dataset.nounMany : "items";

  const items = elements.map((element) => {
    const item = {};
    for (const select of selects) item[select.dataset.filter] = tokens(element.dataset[select.dataset.filter]);
    return item;
  });

  // An option no item matches would only ever show an empty list: leave it out.
  for (const select of selects) {
    const options = Array.from(select.options).filter((option) => option.value);
    const used = valuesInUse(options.map((option) => option.value), items, select.dataset.filter);
    for (const option of options) if (used.indexOf(option.value) === -1) option.remove();
  }

  // Filters can be linked: ?tier=gold&grade=green
  const linked = choiceFromQuery(
    window.location.search,
    selects.map((select) => ({ name: select.name, values: Array.from(select.options, (option) => option.value) }))
  );
  for (const select of selects) if (linked.has(select.name)) select.value = linked.get(select.name);

  function apply() {
    const choices = selects
      .filter((select) => select.value)
      .map((select) => ({ filter: select.dataset.filter, name: select.name, value: select.value }));
    let shown = 0;
    elements.forEach((element, i) => {
      const match = itemMatches(items[i], choices);
      element.hidden = !match;
      if (match) shown += 1;
    });
    if (count) count.textContent = choices.length ? shownText(shown, elements.length, one, many) : initialCount;
    if (empty) empty.hidden = shown !== 0;
    const search = queryFromChoice(choices);
    const address = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    window.history.replaceState(null, "", address);
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
  });
  form.addEventListener("reset", () => {
    // The form's controls are reset after this event: apply once they are.
    window.setTimeout(apply, 0);
  });
  form.hidden = false;
  apply();
}
