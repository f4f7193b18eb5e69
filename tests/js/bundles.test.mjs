import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  BUNDLE_FILTER,
  bundleScripts,
  bundleTag,
  inBundle,
  pageAnswer,
  sortedAnswer,
  withoutBundles,
} from "../../themes/trust/static/js/search/bundles.js";

const result = (id, score) => ({ id, score });

describe("bundleScripts", () => {
  const script = new URL("https://trust.example.com/sub/pagefind/pagefind.js");

  test("finds each bundle's script from the first bundle's directory", () => {
    const scripts = bundleScripts(script, { bundles: ["./", "2/", "3/"] }).map((url) => url.href);
    assert.deepEqual(scripts, [
      "https://trust.example.com/sub/pagefind/pagefind.js",
      "https://trust.example.com/sub/pagefind/2/pagefind.js",
      "https://trust.example.com/sub/pagefind/3/pagefind.js",
    ]);
  });

  test("falls back on the one bundle when there is no list", () => {
    assert.deepEqual(
      bundleScripts(script, null).map((url) => url.href),
      [script.href]
    );
  });
});

describe("the bundles' own filter", () => {
  test("tags a bundle's pages with its place in the list", () => {
    assert.deepEqual(bundleTag(2), { [BUNDLE_FILTER]: "2" });
  });

  test("narrows a search to one bundle, keeping the chosen filters", () => {
    const chosen = { tier: { any: ["Gold"] } };
    assert.deepEqual(inBundle(chosen, 1), { tier: { any: ["Gold"] }, [BUNDLE_FILTER]: "1" });
    assert.deepEqual(chosen, { tier: { any: ["Gold"] } });
    assert.deepEqual(inBundle(undefined, 0), { [BUNDLE_FILTER]: "0" });
  });

  test("is left out of the counts, which are otherwise kept", () => {
    const counts = { tier: { Gold: 2 }, [BUNDLE_FILTER]: { 0: 5, 1: 3 } };
    assert.deepEqual(withoutBundles(counts), { tier: { Gold: 2 } });
    assert.deepEqual(Object.keys(counts), ["tier", BUNDLE_FILTER]);
    assert.deepEqual(withoutBundles(undefined), {});
  });

  test("is left out of an answer's counts and totals", () => {
    const answer = {
      results: [result("a", 1)],
      unfilteredResultCount: 4,
      filters: { tier: { Gold: 1 }, [BUNDLE_FILTER]: { 0: 1 } },
      totalFilters: { tier: { Gold: 4 }, [BUNDLE_FILTER]: { 0: 4 } },
    };
    assert.deepEqual(pageAnswer(answer), {
      results: [result("a", 1)],
      unfilteredResultCount: 4,
      filters: { tier: { Gold: 1 } },
      totalFilters: { tier: { Gold: 4 } },
    });
  });
});

describe("sortedAnswer", () => {
  // Pagefind's merged answer ranks by score (a sorted search's score is minus the place in its own bundle), so the
  // results interleave the bundles; asked one bundle at a time, each keeps its order.
  const whole = {
    results: [result("a1", -0), result("b1", -0), result("a2", -1), result("b2", -1)],
    unfilteredResultCount: 4,
    filters: { t: { G: 3 }, [BUNDLE_FILTER]: { 0: 2, 1: 2 } },
    totalFilters: { t: { G: 4 } },
  };
  const perBundle = [
    { results: [result("a1", -0), result("a2", -1)], unfilteredResultCount: 4, filters: {} },
    { results: [result("b1", -0), result("b2", -1)], unfilteredResultCount: 4, filters: {} },
  ];

  test("lists each bundle's results, bundle after bundle", () => {
    assert.deepEqual(
      sortedAnswer(whole, perBundle, { name: "asc" }).results.map((r) => r.id),
      ["a1", "a2", "b1", "b2"]
    );
  });

  test("lists the last bundle first in descending order", () => {
    assert.deepEqual(
      sortedAnswer(whole, perBundle, { name: "desc" }).results.map((r) => r.id),
      ["b1", "b2", "a1", "a2"]
    );
  });

  test("keeps the whole search's counts, without the bundles' own filter", () => {
    const answer = sortedAnswer(whole, perBundle, { name: "asc" });
    assert.equal(answer.unfilteredResultCount, 4);
    assert.deepEqual(answer.filters, { t: { G: 3 } });
    assert.deepEqual(answer.totalFilters, { t: { G: 4 } });
  });
});
