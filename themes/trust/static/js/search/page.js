/*
 * The search page (search/index.html): our own interface over Pagefind's JavaScript API (pagefind/pagefind.js,
 * written by the build). Pagefind's default UI would run under the site's CSP as well (its CSS is a file of the
 * bundle, and it sets styles only through the CSSOM, which style-src does not govern); it is not used because it
 * lacks what this page is for:
 *  - the search and the chosen filters live in the address (address.js), so a search can be linked to, and the
 *    header's search box, a plain GET form, lands here; the default UI keeps none of it;
 *  - values within a facet are alternatives (Gold or Silver), across facets all must hold, a chosen facet's
 *    counts leave its own choice out, so that each count says what ticking its box would give (facets.js), and
 *    filters alone list their results by name; the default UI requires every value chosen at once, and lists
 *    nothing until words are typed;
 *  - "Did you mean …?" (did-you-mean.js, doubts.js) when Pagefind left a misspelt word out or matched only a
 *    shorter beginning of it, which the default UI passes over in silence;
 *  - everything read from the index is inserted as text (result-card.js), where the default UI inserts excerpts
 *    as HTML;
 *  - it is a fraction of the size of the default UI's script and stylesheet, and fetches search/names.json only
 *    once a search is in doubt (names.js);
 *  - words are looked for first in the names of partners, apps, badges and tiers (name-index.js: one small file
 *    of the index of names per search), and in the text of every page only when asked ("Search in: All text")
 *    or when no name matches: Pagefind's engine and index weigh some 400 KB at 10,000 apps before a first
 *    result, where most searches are for a name. Filters alone are always Pagefind's.
 * The facets are laid out by the template; this module fills in their counts, runs the searches and lays out the
 * results. The page works under any path: every address comes from the data-search-* attributes of the template.
 */
import { addressOf, stateFromQuery } from "./address.js";
import { correctTerm, suggest } from "./did-you-mean.js";
import { unconfirmedWords, unmatchedWords } from "./doubts.js";
import { facetCounts, filterCount, pagefindFilters } from "./facets.js";
import {
  afterNoName,
  describeNothing,
  describeResults,
  describeShortWord,
  pageTitle,
  withSuggestions,
} from "./messages.js";
import { nameIndex } from "./name-index.js";
import { longEnough } from "./name-match.js";
import { namesLoader } from "./names.js";
import { loadPagefind } from "./pagefind-index.js";
import { resultList } from "./result-list.js";
import { words } from "./spelling.js";
import { showSuggestions } from "./suggestions.js";

const DEBOUNCE_MS = 200;
// Words typed are fetched ahead of the search (Pagefind's preload) only from this many letters on: a first letter
// alone would fetch the index chunk where that letter's words begin, rarely the one holding the word being typed
// (on the 10,000-app site, a chunk of about 20 KB from every bundle, for nothing).
const PRELOAD_LETTERS = 2;
// What a search of names that laid nothing out found: no name with the words, or words too many names share.
const NO_NAME = "no name";
const TOO_COMMON = "too common";

function setUpSearch(root) {
  const siteRoot = new URL(root.dataset.searchRoot, document.baseURI);
  const scriptUrl = new URL(root.dataset.searchScript, document.baseURI);
  const loadNames = namesLoader(new URL(root.dataset.searchNames, document.baseURI).href);
  const names = nameIndex(new URL(root.dataset.searchNameIndex, document.baseURI), siteRoot);

  const form = document.getElementById("search-form");
  const input = form.querySelector("input[name=q]");
  const sortSelect = root.querySelector("[data-search-sort]");
  const scopeSelect = root.querySelector("[data-search-scope]");
  const everywhereBar = root.querySelector("[data-search-everywhere-bar]");
  const filtersBox = root.querySelector("[data-search-filters]");
  const activeNote = root.querySelector("[data-search-active]");
  const statusNode = root.querySelector("[data-search-status]");
  const suggestionsBox = root.querySelector("[data-search-suggestions]");
  const moreButton = root.querySelector("[data-search-more]");
  const everywhereButton = root.querySelector("[data-search-everywhere]");
  const emptyBox = root.querySelector("[data-search-empty]");
  const emptyFilters = root.querySelector("[data-search-empty-filters]");
  const errorBox = root.querySelector("[data-search-error]");
  const baseTitle = document.title;

  const facets = Array.from(root.querySelectorAll("[data-facet]"), (fieldset) => {
    const boxes = Array.from(fieldset.querySelectorAll("input[type=checkbox]"));
    return { key: fieldset.dataset.facet, boxes, values: boxes.map((box) => box.value) };
  });
  const facetKeys = facets.map((facet) => facet.key);

  // Pagefind, once a search of all text has loaded it (loading: the promise of it), and its counts over the
  // whole index; null before.
  let pagefind = null;
  let loading = null;
  let totals = null;
  let request = 0;
  let timer = null;
  const list = resultList(
    root.querySelector("[data-search-results]"),
    root.querySelector("[data-search-more-bar]"),
    siteRoot,
    (mine) => mine === request
  );

  /* ---------- State: the form and the address ---------- */

  function currentState() {
    const filters = {};
    for (const facet of facets) {
      const values = facet.boxes.filter((box) => box.checked).map((box) => box.value);
      if (values.length) filters[facet.key] = values;
    }
    return { term: input.value.trim(), filters, sort: sortSelect.value, scope: scopeSelect.value };
  }

  function readAddress() {
    const state = stateFromQuery(window.location.search, facets);
    input.value = state.term;
    for (const facet of facets) {
      const chosen = state.filters[facet.key] || [];
      for (const box of facet.boxes) box.checked = chosen.indexOf(box.value) !== -1;
    }
    sortSelect.value = state.sort;
    scopeSelect.value = state.scope;
  }

  function writeAddress(state) {
    window.history.replaceState(null, "", addressOf(window.location.pathname, state));
    document.title = pageTitle(state.term, baseTitle);
  }

  /* ---------- Facet counts ---------- */

  // `counts` null: none known yet (the index of all text is not loaded), every value can be chosen.
  function showCounts(counts) {
    for (const facet of facets) {
      const values = (counts && counts[facet.key]) || {};
      for (const box of facet.boxes) {
        const count = counts ? values[box.value] || 0 : null;
        const label = root.querySelector("label[for='" + box.id + "']");
        const span = label && label.querySelector("[data-facet-count]");
        if (span) span.textContent = count === null ? "" : "(" + count + ")";
        // A value that would empty the results is shown, but cannot be chosen (unless it already is).
        box.disabled = count === 0 && !box.checked;
      }
    }
  }

  function showActive(state) {
    const count = filterCount(state.filters);
    activeNote.textContent = count ? "(" + count + " chosen)" : "";
  }

  /* ---------- Searching ---------- */

  function reset() {
    list.clear();
    suggestionsBox.replaceChildren();
    suggestionsBox.hidden = true;
    emptyBox.hidden = true;
  }

  // Pagefind over the text of every page, loaded at its first search.
  function allText() {
    if (!loading) {
      statusNode.textContent = "Loading the index of all text…";
      loading = loadPagefind(scriptUrl, siteRoot, window.location.origin).then((loaded) => {
        pagefind = loaded.pagefind;
        totals = loaded.totals;
        return pagefind;
      });
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
  }

  function run() {
    window.clearTimeout(timer);
    const mine = ++request;
    const state = currentState();
    writeAddress(state);
    showActive(state);
    everywhereBar.hidden = true;
    if (!state.term && !filterCount(state.filters)) {
      reset();
      showCounts(totals);
      statusNode.textContent = "Type a name, or choose a filter.";
      return Promise.resolve();
    }
    const typed = words(state.term);
    const inText = (noName) =>
      allText().then((index) => (mine === request ? answer(index, state, mine, { inNames: false, noName }) : null));
    if (!typed.length || state.scope === "text") return inText(false).catch(fail);
    return answer(names, state, mine, { inNames: true })
      .then((shown) => {
        if (mine !== request) return null;
        // Words too many names share are Pagefind's to rank.
        if (shown === TOO_COMMON) return inText(false);
        if (shown !== NO_NAME) return null;
        // No name has a word so short: say so, rather than load the index of all text while a word is typed.
        if (!longEnough(typed)) return showShortWord(state);
        return inText(true);
      })
      .catch(fail);
  }

  /**
   * Search `index` (the index of names, or Pagefind's of all text) for `state` and lay out its answer. When names
   * were searched and none matches the words, whatever the filters, nothing is laid out and it resolves to
   * NO_NAME, or to TOO_COMMON when the index of names could not tell (its files for those words list none).
   */
  function answer(index, state, mine, { inNames, noName = false }) {
    const options = { filters: pagefindFilters(state.filters) };
    // Without words to match there is no best match: list by name.
    if (state.sort === "name" || !state.term) options.sort = { name: "asc" };
    const search = (term, more) => index.search(term, more);
    return search(state.term || null, options).then((found) => {
      if (mine !== request) return null;
      if (inNames && !found.unfilteredResultCount) return found.tooCommon ? TOO_COMMON : NO_NAME;
      return facetCounts(state, facetKeys, found, totals, search).then((counts) => {
        if (mine !== request) return null;
        reset();
        showCounts(counts);
        everywhereBar.hidden = !inNames;
        const say = (message) => (noName ? afterNoName(message) : message);
        list.set(found.results);
        if (!found.results.length) return showNothing(state, found, mine, index, say);
        // Every word of a name found begins a word of it: no word is left out, none is in doubt.
        const unmatchedSearch = inNames ? Promise.resolve([]) : unmatchedWords(state.term, search);
        return Promise.all([list.showMore(mine), unmatchedSearch]).then(([shown, unmatched]) => {
          if (mine !== request) return null;
          statusNode.textContent = say(describeResults(state, found.results.length, unmatched, inNames));
          // Pagefind leaves out a word that matches nothing, and searches for a shorter beginning of a word
          // it does not know ("cloudwroks" finds "cloud"): in both cases, say so and offer the names meant.
          const doubtful = !inNames && (unmatched.length || unconfirmedWords(state.term, shown.items).length);
          return doubtful ? offerSuggestions(state, mine, statusNode.textContent, index) : true;
        });
      });
    });
  }

  function showShortWord(state) {
    reset();
    showCounts(totals);
    emptyBox.hidden = false;
    emptyFilters.hidden = !filterCount(state.filters);
    everywhereBar.hidden = false;
    statusNode.textContent = describeShortWord(state.term);
    return null;
  }

  function schedule() {
    window.clearTimeout(timer);
    const term = input.value.trim();
    const typing = term.split(/\s+/).pop();
    if (pagefind && scopeSelect.value === "text" && typing.length >= PRELOAD_LETTERS) pagefind.preload(term);
    timer = window.setTimeout(run, DEBOUNCE_MS);
  }

  /* ---------- Nothing found: guidance and "Did you mean …?" ---------- */

  function showNothing(state, found, mine, index, say) {
    emptyBox.hidden = false;
    emptyFilters.hidden = !filterCount(state.filters);
    statusNode.textContent = say(describeNothing(state, found.unfilteredResultCount));
    return state.term ? offerSuggestions(state, mine, statusNode.textContent, index) : null;
  }

  // The closest names, and the search with each unknown word corrected, if it finds anything.
  function offerSuggestions(state, mine, message, index) {
    return loadNames()
      .then((names) => {
        if (mine !== request) return null;
        const found = suggest(state.term, names);
        const corrected = correctTerm(state.term, names);
        const check = corrected
          ? index.search(corrected, { filters: pagefindFilters(state.filters) })
          : Promise.resolve(null);
        return check.then((again) => {
          if (mine !== request) return;
          const count = again ? again.results.length : 0;
          const offered = count ? corrected : null;
          showSuggestions(suggestionsBox, { found, corrected: offered, count, siteRoot, onSearch: searchFor });
          const status = withSuggestions(message, found, offered);
          if (status !== message) statusNode.textContent = status;
        });
      })
      .catch(() => {
        // Suggestions are a help, not the search: without them the results or the guidance still stand.
      });
  }

  function searchFor(term) {
    input.value = term;
    run();
    input.focus();
  }

  /* ---------- Start ---------- */

  function fail() {
    errorBox.hidden = false;
    statusNode.textContent = "Search could not start.";
  }

  function clearFilters() {
    for (const facet of facets) for (const box of facet.boxes) box.checked = false;
    run();
    input.focus();
  }

  readAddress();
  const state = currentState();
  // Open on wide screens, and wherever filters are already chosen; a closed list saves a phone's screen.
  filtersBox.open = window.matchMedia("(min-width: 52rem)").matches || filterCount(state.filters) > 0;
  showActive(state);
  root.hidden = false;

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  input.addEventListener("input", schedule);
  root.addEventListener("change", (event) => {
    if (event.target === input) return;
    run();
  });
  for (const button of root.querySelectorAll("[data-search-clear]")) button.addEventListener("click", clearFilters);
  moreButton.addEventListener("click", () => {
    list.showMore(request).then((loaded) => {
      // Keyboard users go on from the first result just loaded, not from the top of the list.
      const link = loaded.first && loaded.first.querySelector("a");
      if (link) link.focus();
    });
  });

  everywhereButton.addEventListener("click", () => {
    scopeSelect.value = "text";
    run();
    input.focus();
  });

  run();
}

const root = document.querySelector("[data-search]");
if (root) setUpSearch(root);
