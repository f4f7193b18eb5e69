import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { bundleScripts, mergeAnswers, mergeFilters } from "../../themes/trust/static/js/search/bundles.js";

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

describe("mergeFilters", () => {
  test("sums each value's counts over the bundles, keeping values only one bundle has", () => {
    const merged = mergeFilters([{ tier: { Gold: 2, Silver: 1 } }, { tier: { Gold: 3 }, kind: { App: 4 } }, undefined]);
    assert.deepEqual(merged, { tier: { Gold: 5, Silver: 1 }, kind: { App: 4 } });
  });

  test("leaves the bundles' own counts alone", () => {
    const first = { tier: { Gold: 2 } };
    mergeFilters([first, { tier: { Gold: 3 } }]);
    assert.deepEqual(first, { tier: { Gold: 2 } });
  });
});

describe("mergeAnswers", () => {
  const answers = [
    { results: [result("a1", 0.5), result("a2", 0.1)], unfilteredResultCount: 3, filters: { t: { G: 1 } }, totalFilters: {} },
    { results: [result("b1", 0.9), result("b2", 0.5)], unfilteredResultCount: 2, filters: { t: { G: 2 } }, totalFilters: {} },
  ];

  test("ranks results by score over every bundle, the first bundle first among equals", () => {
    const merged = mergeAnswers(answers);
    assert.deepEqual(
      merged.results.map((r) => r.id),
      ["b1", "a1", "b2", "a2"]
    );
    assert.equal(merged.unfilteredResultCount, 5);
    assert.deepEqual(merged.filters, { t: { G: 3 } });
  });

  test("keeps a sorted search's order: each bundle's results, bundle after bundle", () => {
    assert.deepEqual(
      mergeAnswers(answers, { name: "asc" }).results.map((r) => r.id),
      ["a1", "a2", "b1", "b2"]
    );
    assert.deepEqual(
      mergeAnswers(answers, { name: "desc" }).results.map((r) => r.id),
      ["b1", "b2", "a1", "a2"]
    );
  });
});
