import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  appsFromQuery,
  choosingText,
  comparedText,
  MAX_APPS,
  MIN_APPS,
  queryFromApps,
} from "../../themes/trust/static/js/trust/compare-choice.js";

describe("appsFromQuery", () => {
  test("reads the chosen apps from ?apps=, in order", () => {
    assert.deepEqual(appsFromQuery("?apps=acme-sync,hooli-chat"), ["acme-sync", "hooli-chat"]);
  });

  test("reads none from an empty or unrelated address", () => {
    assert.deepEqual(appsFromQuery(""), []);
    assert.deepEqual(appsFromQuery("?apps="), []);
    assert.deepEqual(appsFromQuery("?app=acme-sync&tier=gold"), []);
  });

  test("skips empty entries and reads at most four", () => {
    assert.equal(MAX_APPS, 4);
    assert.deepEqual(appsFromQuery("?apps=,a,,b,"), ["a", "b"]);
    assert.deepEqual(appsFromQuery("?apps=a,b,c,d,e,f"), ["a", "b", "c", "d"]);
  });

  test("takes the first apps parameter of several", () => {
    assert.deepEqual(appsFromQuery("?apps=a,b&apps=c"), ["a", "b"]);
  });

  test("reads the first four entries as written, repeats included", () => {
    // The page ticks each box once: a repeat takes a place among the four.
    assert.deepEqual(appsFromQuery("?apps=a,a,b,b,c"), ["a", "a", "b", "b"]);
  });

  test("decodes escaped ids, Unicode included", () => {
    assert.deepEqual(appsFromQuery("?apps=caf%C3%A9,a%20b"), ["café", "a b"]);
  });
});

describe("queryFromApps", () => {
  test("writes the ids in order, with the question mark", () => {
    assert.equal(queryFromApps(["acme-sync", "hooli-chat"]), "?apps=acme-sync,hooli-chat");
  });

  test("writes nothing for no app", () => {
    assert.equal(queryFromApps([]), "");
  });

  test("escapes what an address cannot hold, and reads back as the same ids", () => {
    const ids = ["café", "a,b", "x&y"];
    assert.equal(queryFromApps(ids), "?apps=caf%C3%A9,a%2Cb,x%26y");
    // A comma inside an id cannot survive: the list is split at commas once decoded. Ids are slugs, without commas.
    assert.deepEqual(appsFromQuery(queryFromApps(ids)), ["café", "a", "b", "x&y"]);
    assert.deepEqual(appsFromQuery(queryFromApps(["acme-sync", "globex-ledger"])), ["acme-sync", "globex-ledger"]);
  });
});

describe("choosingText", () => {
  test("asks for apps until there are enough to compare, then says they load", () => {
    assert.equal(MIN_APPS, 2);
    assert.equal(choosingText(0), "Choose two to four apps.");
    assert.equal(choosingText(1), "Choose at least one more app.");
    assert.equal(choosingText(2), "Loading 2 apps…");
    assert.equal(choosingText(4), "Loading 4 apps…");
  });
});

describe("comparedText", () => {
  test("names the apps compared", () => {
    assert.equal(
      comparedText(["Acme Sync", "Hooli Chat Bridge"], false, []),
      "Comparing Acme Sync, Hooli Chat Bridge: see the table below."
    );
  });

  test("says when no more can be chosen", () => {
    assert.equal(
      comparedText(["A", "B", "C", "D"], true, []),
      "Comparing A, B, C, D: see the table below. That is the most you can compare: clear one to choose another."
    );
  });

  test("names the apps that could not be loaded first", () => {
    assert.equal(
      comparedText(["A", "B"], false, ["C"]),
      "Could not load the data of C. Comparing A, B: see the table below."
    );
  });

  test("says only what failed when nothing loaded", () => {
    assert.equal(comparedText([], false, ["A", "B"]), "Could not load the data of A, B. ");
  });
});
