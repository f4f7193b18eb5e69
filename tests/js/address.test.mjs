import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { addressOf, queryFromState, stateFromQuery, withTerm } from "../../themes/trust/static/js/search/address.js";

// The search page's facets, as its checkboxes give them: each facet's values in the page's order.
const FACETS = [
  { key: "kind", values: ["Partner", "App", "Badge"] },
  { key: "tier", values: ["Platinum", "Gold", "Silver"] },
  { key: "badge", values: ["SOC 2 Type 2", "ISO/IEC 27001"] },
];

const EMPTY = { term: "", filters: {}, sort: "", scope: "" };

describe("stateFromQuery", () => {
  test("reads the term, the chosen values of each facet, the order and the scope", () => {
    assert.deepEqual(stateFromQuery("?q=acme&tier=Gold&badge=SOC+2+Type+2&sort=name&in=text", FACETS), {
      term: "acme",
      filters: { tier: ["Gold"], badge: ["SOC 2 Type 2"] },
      sort: "name",
      scope: "text",
    });
  });

  test("reads a scope it does not know as names first", () => {
    assert.equal(stateFromQuery("?q=acme&in=everything", FACETS).scope, "");
  });

  test("reads a query with or without its question mark alike", () => {
    assert.deepEqual(stateFromQuery("q=acme&tier=Gold", FACETS), stateFromQuery("?q=acme&tier=Gold", FACETS));
  });

  test("reads an empty query, or one of nothing known, as no search", () => {
    assert.deepEqual(stateFromQuery("", FACETS), EMPTY);
    assert.deepEqual(stateFromQuery("?", FACETS), EMPTY);
    assert.deepEqual(stateFromQuery("?q=", FACETS), EMPTY);
    assert.deepEqual(stateFromQuery("?utm_source=mail&page=2", FACETS), EMPTY);
  });

  test("leaves out keys the page has no facet for", () => {
    assert.deepEqual(stateFromQuery("?q=acme&colour=Gold&grade=green", FACETS).filters, {});
  });

  test("leaves out values a facet does not offer, matching them exactly", () => {
    assert.deepEqual(stateFromQuery("?tier=Bronze&tier=gold&tier=Gold", FACETS).filters, { tier: ["Gold"] });
  });

  test("takes every value of a repeated key, each once, in the facet's order", () => {
    assert.deepEqual(stateFromQuery("?tier=Silver&tier=Platinum&tier=Silver&kind=App", FACETS).filters, {
      kind: ["App"],
      tier: ["Platinum", "Silver"],
    });
  });

  test("gives the same state whatever the order of the address's parameters", () => {
    const one = stateFromQuery("?badge=ISO%2FIEC+27001&tier=Gold&kind=App&tier=Platinum&q=x", FACETS);
    const other = stateFromQuery("?q=x&tier=Platinum&kind=App&tier=Gold&badge=ISO/IEC%2027001", FACETS);
    assert.deepEqual(one, other);
    assert.deepEqual(Object.keys(one.filters), ["kind", "tier", "badge"]);
  });

  test("takes the first term of several, as written: spaces, case and Unicode kept", () => {
    assert.equal(stateFromQuery("?q=+Café+Zürich+&q=other", FACETS).term, " Café Zürich ");
    assert.equal(stateFromQuery("?q=%E6%9D%B1%E4%BA%AC", FACETS).term, "東京");
  });

  test("reads an order it does not know as best match", () => {
    assert.equal(stateFromQuery("?sort=name", FACETS).sort, "name");
    assert.equal(stateFromQuery("?sort=date", FACETS).sort, "");
    assert.equal(stateFromQuery("?sort=NAME", FACETS).sort, "");
  });

  test("reads no filters when the page has no facets", () => {
    assert.deepEqual(stateFromQuery("?tier=Gold", []).filters, {});
  });
});

describe("queryFromState", () => {
  test("writes the term, each facet's values, then the order and the scope", () => {
    const state = { term: "acme", filters: { tier: ["Gold", "Silver"], badge: ["SOC 2 Type 2"] }, sort: "name" };
    assert.equal(queryFromState(state), "q=acme&tier=Gold&tier=Silver&badge=SOC+2+Type+2&sort=name");
    assert.equal(queryFromState({ ...state, scope: "text" }), queryFromState(state) + "&in=text");
  });

  test("writes nothing for no search", () => {
    assert.equal(queryFromState(EMPTY), "");
  });

  test("escapes what the address cannot hold as it is", () => {
    assert.equal(queryFromState({ term: "a&b=c #1", filters: {}, sort: "" }), "q=a%26b%3Dc+%231");
    assert.equal(queryFromState({ term: "Zürich", filters: {}, sort: "" }), "q=Z%C3%BCrich");
  });

  test("reads back as the same state", () => {
    for (const state of [
      { term: "acme snyc", filters: {}, sort: "", scope: "" },
      { term: "", filters: { kind: ["App"], tier: ["Platinum", "Gold"] }, sort: "name", scope: "" },
      { term: "Café & co / 100%", filters: { badge: ["SOC 2 Type 2", "ISO/IEC 27001"] }, sort: "", scope: "text" },
    ]) {
      assert.deepEqual(stateFromQuery(queryFromState(state), FACETS), state);
    }
  });

  test("reads back in the facet's order when written in another", () => {
    const state = { term: "", filters: { badge: ["ISO/IEC 27001", "SOC 2 Type 2"] }, sort: "" };
    assert.deepEqual(stateFromQuery(queryFromState(state), FACETS).filters, {
      badge: ["SOC 2 Type 2", "ISO/IEC 27001"],
    });
  });
});

describe("addressOf", () => {
  test("adds the query to the path, or leaves the path alone for no search", () => {
    assert.equal(addressOf("/search/", { term: "acme", filters: {}, sort: "" }), "/search/?q=acme");
    assert.equal(addressOf("/sub/search/", EMPTY), "/sub/search/");
  });
});

describe("withTerm", () => {
  test("replaces the term and keeps the filters, the order and the fragment", () => {
    assert.equal(
      withTerm("https://trust.example.com/search/?q=acme+snyc&tier=Gold&sort=name#results", "acme sync"),
      "https://trust.example.com/search/?q=acme+sync&tier=Gold&sort=name#results"
    );
  });

  test("adds a term to an address without one", () => {
    assert.equal(withTerm("http://127.0.0.1:8000/search/", "acme"), "http://127.0.0.1:8000/search/?q=acme");
  });

  test("keeps one term when the address had several", () => {
    assert.equal(withTerm("https://x.test/search/?q=a&q=b", "c"), "https://x.test/search/?q=c");
  });
});
