import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  keyFile,
  keyWords,
  longEnough,
  matchNames,
  meetsFilters,
  nameScore,
  valueCounts,
  wordKey,
} from "../../themes/trust/static/js/search/name-match.js";

function record(title, extra = {}) {
  const { partner, filters = {} } = extra;
  const meta = { title, kind: partner ? "App" : "Partner", ...(partner ? { partner } : {}) };
  return { url: "x/" + title.toLowerCase().replace(/ /g, "-") + "/", meta, filters };
}

// One file's records, in name order, as the build writes them.
const ACME = record("Acme Cloudworks", { filters: { kind: ["Partner"], tier: ["Gold"] } });
const SYNC = record("Acme Sync", { partner: "Acme Cloudworks", filters: { kind: ["App"], tier: ["Gold"] } });
const ACMEX = record("Acmex Tools", { partner: "Initech", filters: { kind: ["App"], tier: ["No tier"] } });
const BOARD = record("Board Sync", { partner: "Acme Cloudworks", filters: { kind: ["App"], tier: ["Gold"] } });
const FILE = [ACME, SYNC, ACMEX, BOARD];

describe("the file a word is in", () => {
  test("a word is filed under its first three letters, or the whole of a shorter word", () => {
    assert.equal(wordKey("acme"), "acm");
    assert.equal(wordKey("ai"), "ai");
    assert.equal(wordKey("𝒜𝒷𝒸𝒹"), "𝒜𝒷𝒸", "letters, not UTF-16 units");
  });

  test("the file's name is the beginning's UTF-8 in hex, as the build names it", () => {
    assert.equal(keyFile("syn"), "73796e.json");
    assert.equal(keyFile("zü"), "7ac3bc.json");
  });

  test("a search tries the files of its words longest first, the first typed of equals, each once", () => {
    assert.deepEqual(keyWords(["acme", "sy"]), ["acme", "sy"]);
    assert.deepEqual(keyWords(["sync", "acme", "go", "sync"]), ["sync", "acme", "go"]);
    assert.deepEqual(keyWords(["ab", "𝒜𝒷𝒸"]), ["𝒜𝒷𝒸", "ab"]);
    assert.deepEqual(keyWords([]), []);
  });

  test("a search by name is complete only from three letters of its longest word", () => {
    assert.equal(longEnough(["sy"]), false);
    assert.equal(longEnough(["sy", "acm"]), true);
    assert.equal(longEnough([]), false);
  });
});

describe("nameScore", () => {
  test("every word must begin a word of the name, or of an app's partner", () => {
    assert.equal(nameScore(["acme", "snyc"], SYNC), 0);
    assert.ok(nameScore(["sy"], SYNC) > 0);
    assert.ok(nameScore(["cloudworks"], SYNC) > 0);
    assert.equal(nameScore(["tools"], SYNC), 0);
  });

  test("the whole name beats words matched whole, which beat beginnings, which beat the partner's name", () => {
    const whole = nameScore(["acme", "sync"], SYNC);
    const words = nameScore(["sync"], SYNC);
    const beginning = nameScore(["syn"], SYNC);
    const partner = nameScore(["cloudworks"], SYNC);
    assert.ok(whole > words && words > beginning && beginning > partner, [whole, words, beginning, partner]);
  });
});

describe("matchNames", () => {
  test("the best match first, equals in the file's order", () => {
    // Board Sync is Acme's: found by its partner's name, after the app named so.
    assert.deepEqual(
      matchNames(FILE, "acme sync").results.map((match) => match.record),
      [SYNC, BOARD]
    );
    assert.deepEqual(
      matchNames(FILE, "acme").results.map((match) => match.record),
      [ACME, SYNC, ACMEX, BOARD]
    );
    assert.deepEqual(
      matchNames(FILE, "acme cloudworks").results.map((match) => match.record),
      [ACME, SYNC, BOARD]
    );
  });

  test("among equals, a partner before apps, whatever the names", () => {
    const backup = record("Acme Backup", { partner: "Acme Cloudworks" });
    const file = [backup, ACME];
    assert.deepEqual(
      matchNames(file, "acme").results.map((match) => match.record),
      [ACME, backup]
    );
  });

  test("accents and case do not matter", () => {
    assert.equal(matchNames(FILE, "ÁCME SYNC").results[0].record, SYNC);
  });

  test("sorted by name, the file's order; descending, reversed", () => {
    const asc = matchNames(FILE, "sync", { sort: { name: "asc" } }).results.map((match) => match.record);
    assert.deepEqual(asc, [SYNC, BOARD]);
    const desc = matchNames(FILE, "sync", { sort: { name: "desc" } }).results.map((match) => match.record);
    assert.deepEqual(desc, [BOARD, SYNC]);
  });

  test("filters narrow the results; counts are Pagefind's: among the results, and among all the words find", () => {
    const found = matchNames(FILE, "acm", { filters: { kind: { any: ["App"] }, tier: { any: ["No tier"] } } });
    assert.deepEqual(
      found.results.map((match) => match.record),
      [ACMEX]
    );
    assert.deepEqual(found.filters, { kind: { App: 1 }, tier: { "No tier": 1 } });
    assert.deepEqual(found.totalFilters, { kind: { Partner: 1, App: 3 }, tier: { Gold: 3, "No tier": 1 } });
    assert.equal(found.unfilteredResultCount, 4);
  });

  test("no words, no results", () => {
    assert.deepEqual(matchNames(FILE, "  ").results, []);
    assert.equal(matchNames(FILE, null).unfilteredResultCount, 0);
  });
});

describe("facets", () => {
  test("within a facet any value chosen will do; every facet chosen must hold", () => {
    assert.ok(meetsFilters(SYNC, { tier: { any: ["Silver", "Gold"] } }));
    assert.ok(!meetsFilters(SYNC, { tier: { any: ["Gold"] }, kind: { any: ["Partner"] } }));
    assert.ok(meetsFilters(SYNC, {}));
    assert.ok(!meetsFilters(record("No facets"), { tier: { any: ["Gold"] } }));
  });

  test("counts each value of each facet", () => {
    assert.deepEqual(valueCounts([SYNC, BOARD]), { kind: { App: 2 }, tier: { Gold: 2 } });
    assert.deepEqual(valueCounts([]), {});
  });
});
