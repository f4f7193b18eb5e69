/*
 * The search kept in the page's address, so that a search can be linked to and the header's search box (a plain
 * GET form) lands on it: ?q=acme&tier=Gold&badge=SOC+2+Type+2&sort=name. Pure: no DOM, no window.
 *
 * A state is {term, filters, sort, scope}: the words typed, the chosen values of each facet ({tier: ["Gold"]},
 * only facets with a value chosen, in the page's order), the order ("name", or "" for best match) and where the
 * words are looked for ("text": the text of every page, or "" for names first). ?in=text keeps the scope.
 */

const TERM = "q";
const SORT = "sort";
const SORTS = ["name"];
const SCOPE = "in";
const SCOPES = ["text"];

/**
 * The state an address's query (`?…`, with or without the "?") asks for, given the page's facets
 * ([{key, values}]): keys and values the page does not offer are left out, each value is chosen once, and
 * values come in the facet's order, whatever the address's order. The term is kept as written.
 */
export function stateFromQuery(query, facets) {
  const params = new URLSearchParams(query);
  const filters = {};
  for (const facet of facets) {
    const wanted = params.getAll(facet.key);
    const chosen = facet.values.filter((value, i, all) => wanted.indexOf(value) !== -1 && all.indexOf(value) === i);
    if (chosen.length) filters[facet.key] = chosen;
  }
  const sort = params.get(SORT);
  const scope = params.get(SCOPE);
  return {
    term: params.get(TERM) || "",
    filters,
    sort: SORTS.indexOf(sort) !== -1 ? sort : "",
    scope: SCOPES.indexOf(scope) !== -1 ? scope : "",
  };
}

/** The query (without "?") that keeps `state`: term, each facet's values in order, the order, the scope; "" for none. */
export function queryFromState(state) {
  const params = new URLSearchParams();
  if (state.term) params.set(TERM, state.term);
  for (const key of Object.keys(state.filters)) {
    for (const value of state.filters[key]) params.append(key, value);
  }
  if (state.sort) params.set(SORT, state.sort);
  if (state.scope) params.set(SCOPE, state.scope);
  return params.toString();
}

/** `path` with the query that keeps `state`, for history.replaceState. */
export function addressOf(path, state) {
  const query = queryFromState(state);
  return path + (query ? "?" + query : "");
}

/** The address `href` with its search term replaced by `term`, every other part kept. */
export function withTerm(href, term) {
  const url = new URL(href);
  url.searchParams.set(TERM, term);
  return url.href;
}
