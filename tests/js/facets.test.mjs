import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { facetCounts, filterCount, pagefindFilters } from "../../themes/trust/static/js/search/facets.js";

describe("filterCount", () => {
  test("counts the values chosen over every facet", () => {
    assert.equal(filterCount({}), 0);
    assert.equal(filterCount({ tier: ["Gold", "Silver"], kind: ["App"] }), 3);
  });
});

describe("pagefindFilters", () => {
  test("asks for any of the values within a facet, and for every facet", () => {
    assert.deepEqual(pagefindFilters({ tier: ["Gold", "Silver"], kind: ["App"] }), {
      tier: { any: ["Gold", "Silver"] },
      kind: { any: ["App"] },
    });
  });

  test("leaves out the facet named, and only that one", () => {
    assert.deepEqual(pagefindFilters({ tier: ["Gold"], kind: ["App"] }, "tier"), { kind: { any: ["App"] } });
    assert.deepEqual(pagefindFilters({ tier: ["Gold"] }, "grade"), { tier: { any: ["Gold"] } });
  });

  test("gives no filter for no choice", () => {
    assert.deepEqual(pagefindFilters({}), {});
  });
});

// A stand-in for pagefind.search that records what it is asked and answers from a table of counts.
function fakeSearch(answers) {
  const asked = [];
  const search = (term, options) => {
    asked.push([term, options]);
    const key = JSON.stringify([term, options.filters]);
    if (!(key in answers)) return Promise.reject(new Error(`unexpected search ${key}`));
    return Promise.resolve({ results: [], filters: answers[key] });
  };
  return { search, asked };
}

const KEYS = ["kind", "tier"];
const TOTALS = { kind: { App: 30, Partner: 13 }, tier: { Gold: 16, Silver: 9 } };

describe("facetCounts", () => {
  test("takes every facet's counts from the search itself while none is chosen", async () => {
    const { search, asked } = fakeSearch({});
    const found = { filters: { kind: { App: 3 }, tier: { Gold: 1, Silver: 0 } } };
    const counts = await facetCounts({ term: "acme", filters: {} }, KEYS, found, TOTALS, search);
    assert.deepEqual(counts, { kind: { App: 3 }, tier: { Gold: 1, Silver: 0 } });
    assert.deepEqual(asked, []);
  });

  test("counts a chosen facet without its own choice, by a search with the other facets only", async () => {
    const { search, asked } = fakeSearch({
      // Without kind: the tier chosen only.
      [JSON.stringify(["acme", { tier: { any: ["Gold"] } }])]: { kind: { App: 2, Partner: 1 }, tier: { Gold: 3 } },
      // Without tier: the kind chosen only.
      [JSON.stringify(["acme", { kind: { any: ["App"] } }])]: { kind: { App: 3 }, tier: { Gold: 2, Silver: 1 } },
    });
    const found = { filters: { kind: { App: 2, Partner: 0 }, tier: { Gold: 2, Silver: 0 } } };
    const state = { term: "acme", filters: { kind: ["App"], tier: ["Gold"] } };
    const counts = await facetCounts(state, KEYS, found, TOTALS, search);
    assert.deepEqual(counts, { kind: { App: 2, Partner: 1 }, tier: { Gold: 2, Silver: 1 } });
    assert.deepEqual(asked, [
      ["acme", { filters: { tier: { any: ["Gold"] } } }],
      ["acme", { filters: { kind: { any: ["App"] } } }],
    ]);
  });

  test("counts the facets not chosen from the search itself, beside one that is", async () => {
    const { search, asked } = fakeSearch({
      [JSON.stringify(["acme", {}])]: { tier: { Gold: 4, Silver: 2 } },
    });
    const found = { filters: { kind: { App: 3, Partner: 1 }, tier: { Gold: 4, Silver: 0 } } };
    const counts = await facetCounts({ term: "acme", filters: { tier: ["Gold"] } }, KEYS, found, TOTALS, search);
    assert.deepEqual(counts, { kind: { App: 3, Partner: 1 }, tier: { Gold: 4, Silver: 2 } });
    assert.equal(asked.length, 1);
  });

  test("takes the index's totals for the only facet chosen when no words are typed", async () => {
    const { search, asked } = fakeSearch({});
    const found = { filters: { kind: { App: 5 }, tier: { Gold: 5 } } };
    const counts = await facetCounts({ term: "", filters: { tier: ["Gold"] } }, KEYS, found, TOTALS, search);
    assert.deepEqual(counts, { kind: { App: 5 }, tier: TOTALS.tier });
    assert.deepEqual(asked, []);
  });

  test("searches with no term (null) when only filters are chosen", async () => {
    const { search, asked } = fakeSearch({
      [JSON.stringify([null, { tier: { any: ["Gold"] } }])]: { kind: { App: 9, Partner: 4 } },
      [JSON.stringify([null, { kind: { any: ["App"] } }])]: { tier: { Gold: 9, Silver: 4 } },
    });
    const state = { term: "", filters: { kind: ["App"], tier: ["Gold"] } };
    const counts = await facetCounts(state, KEYS, { filters: {} }, TOTALS, search);
    assert.deepEqual(counts, { kind: { App: 9, Partner: 4 }, tier: { Gold: 9, Silver: 4 } });
    assert.deepEqual(
      asked.map(([term]) => term),
      [null, null]
    );
  });

  test("gives every facet a count object, empty when Pagefind has none for it", async () => {
    const { search } = fakeSearch({});
    assert.deepEqual(await facetCounts({ term: "x", filters: {} }, KEYS, {}, TOTALS, search), { kind: {}, tier: {} });
    assert.deepEqual(await facetCounts({ term: "x", filters: {} }, [], {}, TOTALS, search), {});
  });

  test("fails as the search fails", async () => {
    const failing = () => Promise.reject(new Error("index gone"));
    const state = { term: "acme", filters: { tier: ["Gold"] } };
    await assert.rejects(facetCounts(state, KEYS, { filters: {} }, TOTALS, failing), /index gone/);
  });
});
