import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  afterNoName,
  describeNothing,
  describeResults,
  describeShortWord,
  pageTitle,
  plural,
  withSuggestions,
} from "../../themes/trust/static/js/search/messages.js";

const state = (term, filters = {}, sort = "") => ({ term, filters, sort });

describe("plural", () => {
  test("uses the singular for one only", () => {
    assert.equal(plural(0, "result", "results"), "0 results");
    assert.equal(plural(1, "result", "results"), "1 result");
    assert.equal(plural(2, "result", "results"), "2 results");
  });
});

describe("pageTitle", () => {
  test("puts the term before the page's own title, and nothing for no term", () => {
    assert.equal(pageTitle("acme", "Search · Trust Pages"), "“acme” · Search · Trust Pages");
    assert.equal(pageTitle("", "Search · Trust Pages"), "Search · Trust Pages");
  });
});

describe("describeResults", () => {
  test("says how many were found for what", () => {
    assert.equal(describeResults(state("acme"), 14, []), "14 results for “acme”.");
    assert.equal(describeResults(state("acme sync"), 1, []), "1 result for “acme sync”.");
  });

  test("counts the filters, and says the list is by name when it is", () => {
    assert.equal(
      describeResults(state("acme", { tier: ["Gold", "Silver"], kind: ["App"] }, "name"), 3, []),
      "3 results for “acme” with 3 filters, sorted by name."
    );
  });

  test("lists by name when no words are typed, since nothing is a better match", () => {
    assert.equal(describeResults(state("", { tier: ["Gold"] }), 5, []), "5 results with 1 filter, sorted by name.");
  });

  test("names the words that matched nothing", () => {
    assert.equal(
      describeResults(state("acme snyc zzz"), 7, ["snyc", "zzz"]),
      "7 results for “acme snyc zzz” (“snyc”, “zzz” matched nothing)."
    );
    assert.equal(describeResults(state("acme"), 7, undefined), "7 results for “acme”.");
  });
});

describe("describeNothing", () => {
  test("says nothing was found for the term", () => {
    assert.equal(describeNothing(state("zzz"), 0), "No results for “zzz”.");
    assert.equal(describeNothing(state(""), 0), "No results.");
  });

  test("says how many the filters hid", () => {
    assert.equal(
      describeNothing(state("acme", { tier: ["Silver"] }), 14),
      "No results for “acme” with these filters; 14 results without them."
    );
  });

  test("says nothing of filters when none are chosen, or when they hid nothing", () => {
    assert.equal(describeNothing(state("acme"), 14), "No results for “acme”.");
    assert.equal(describeNothing(state("zzz", { tier: ["Gold"] }), 0), "No results for “zzz”.");
    assert.equal(describeNothing(state("zzz", { tier: ["Gold"] }), undefined), "No results for “zzz”.");
  });
});

describe("withSuggestions", () => {
  const found = [{ name: "Acme Sync" }, { name: "Acme Cloudworks" }];

  test("offers the names found, before any corrected search", () => {
    assert.equal(
      withSuggestions("7 results.", found, "acme sync"),
      "7 results. Did you mean Acme Sync, or Acme Cloudworks?"
    );
  });

  test("offers the corrected search when no name is close", () => {
    assert.equal(withSuggestions("No results.", [], "acme sync"), "No results. Did you mean “acme sync”?");
  });

  test("leaves the message as it is with nothing to offer", () => {
    assert.equal(withSuggestions("No results.", [], null), "No results.");
  });
});

describe("names first", () => {
  test("a search of names says so", () => {
    assert.equal(describeResults(state("acme"), 4, [], true), "4 results for “acme” in names.");
  });

  test("a short word no name has asks for more of it", () => {
    assert.equal(describeShortWord("zq"), "No name has the word “zq”. Type more of it, or search all text.");
  });

  test("a search of all text after no name matched says where it looked", () => {
    assert.equal(
      afterNoName("1 result for “conflict”."),
      "No name matches. In the text of every page: 1 result for “conflict”."
    );
  });
});
