import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  correctTerm,
  MAX_SUGGESTIONS,
  nameScore,
  suggest,
  SUGGESTION_THRESHOLD,
} from "../../themes/trust/static/js/search/did-you-mean.js";
import { words } from "../../themes/trust/static/js/search/spelling.js";

// Shaped like search/names.json.
const NAMES = [
  { name: "Acme Cloudworks", kind: "Partner", url: "partners/acme-cloudworks/" },
  { name: "Acme Backup Vault", kind: "App", url: "apps/acme-backup/" },
  { name: "Acme Sync", kind: "App", url: "apps/acme-sync/" },
  { name: "Hooli Chat Bridge", kind: "App", url: "apps/hooli-chat/" },
  { name: "Hooli Tools", kind: "Partner", url: "partners/hooli-tools/" },
  { name: "SOC 2 Type 2", kind: "Badge", url: "badges/soc2/" },
  { name: "Gold tier", kind: "Tier", url: "tiers/gold/" },
  { name: "Café Zürich", kind: "App", url: "apps/cafe-zurich/" },
];

const names = (found) => found.map((name) => name.name);

describe("nameScore", () => {
  test("is 1 for every word typed in full", () => {
    assert.equal(nameScore(words("acme sync"), "Acme Sync"), 1);
    assert.equal(nameScore(words("sync acme"), "Acme Sync"), 1);
  });

  test("is 0 for nothing typed, or a name without words", () => {
    assert.equal(nameScore([], "Acme Sync"), 0);
    assert.equal(nameScore(words("acme"), "—"), 0);
  });

  test("catches spaces typed in the wrong place on the whole name", () => {
    assert.ok(nameScore(words("acmesync"), "Acme Sync") >= SUGGESTION_THRESHOLD);
    assert.ok(nameScore(words("acme cloud works"), "Acme Cloudworks") >= SUGGESTION_THRESHOLD);
  });

  test("rejects a name when one typed word is like none of its words", () => {
    assert.ok(nameScore(words("acme zebra"), "Acme Sync") < SUGGESTION_THRESHOLD);
  });
});

describe("suggest", () => {
  test("offers the app meant by a misspelt name first", () => {
    const found = suggest("acme snyc", NAMES);
    assert.equal(found[0].name, "Acme Sync");
    assert.deepEqual(Object.keys(found[0]).sort(), ["kind", "name", "score", "url"]);
    assert.equal(found[0].url, "apps/acme-sync/");
    assert.equal(found[0].kind, "App");
  });

  test("offers nothing for an empty query, or one of punctuation only", () => {
    assert.deepEqual(suggest("", NAMES), []);
    assert.deepEqual(suggest("  — ", NAMES), []);
  });

  test("offers nothing from no names", () => {
    assert.deepEqual(suggest("acme", []), []);
  });

  test("never offers the very name typed, whatever its case", () => {
    assert.ok(!names(suggest("ACME SYNC", NAMES)).includes("Acme Sync"));
    assert.ok(!names(suggest("acme sync", NAMES)).includes("Acme Sync"));
  });

  test("matches names typed without their accents, and accents typed on plain names", () => {
    assert.deepEqual(names(suggest("cafe zurich", NAMES)), ["Café Zürich"]);
    assert.equal(suggest("Àcmé Snyc", NAMES)[0].name, "Acme Sync");
  });

  test("offers at most three, closest first, partners before apps when as close", () => {
    const found = suggest("acme", NAMES);
    assert.equal(found.length, MAX_SUGGESTIONS);
    assert.deepEqual(names(found), ["Acme Cloudworks", "Acme Backup Vault", "Acme Sync"]);
    for (let i = 1; i < found.length; i += 1) assert.ok(found[i - 1].score >= found[i].score);
  });

  test("orders names as close and of one kind by name, whatever the order they come in", () => {
    const apps = [
      { name: "Zeta Sync", kind: "App", url: "z" },
      { name: "Alpha Sync", kind: "App", url: "a" },
      { name: "Mid Sync", kind: "App", url: "m" },
    ];
    assert.deepEqual(names(suggest("sync", apps)), ["Alpha Sync", "Mid Sync", "Zeta Sync"]);
    assert.deepEqual(names(suggest("sync", [...apps].reverse())), ["Alpha Sync", "Mid Sync", "Zeta Sync"]);
  });

  test("keeps the order of the names given when they tie on everything", () => {
    const twins = [
      { name: "Acme Sync", kind: "App", url: "first" },
      { name: "Acme Sync", kind: "App", url: "second" },
    ];
    assert.deepEqual(
      suggest("acme snyc", twins).map((name) => name.url),
      ["first", "second"]
    );
  });

  test("puts a kind it does not know before the known ones", () => {
    // An unknown kind has no place in the order (-1), so it sorts first; names.json has only known kinds.
    const found = suggest("acm", [
      { name: "Acme", kind: "Tier", url: "t" },
      { name: "Acme", kind: "Mystery", url: "m" },
      { name: "Acme", kind: "Partner", url: "p" },
    ]);
    assert.deepEqual(
      found.map((name) => name.kind),
      ["Mystery", "Partner", "Tier"]
    );
  });

  test("does not change the names it is given", () => {
    const copy = structuredClone(NAMES);
    suggest("acme snyc", NAMES);
    assert.deepEqual(NAMES, copy);
  });
});

describe("correctTerm", () => {
  test("replaces each word that begins no known word by the closest one", () => {
    assert.equal(correctTerm("acme snyc", NAMES), "acme sync");
    assert.equal(correctTerm("hoolli chta", NAMES), "hooli chat");
  });

  test("gives null when every word begins some known word", () => {
    assert.equal(correctTerm("acme sy", NAMES), null);
    assert.equal(correctTerm("Acme Sync", NAMES), null);
  });

  test("gives null for an empty query, and with no names", () => {
    assert.equal(correctTerm("", NAMES), null);
    assert.equal(correctTerm("acme snyc", []), null);
  });

  test("keeps a word like none of the known ones as typed", () => {
    assert.equal(correctTerm("zzzz snyc", NAMES), "zzzz sync");
    assert.equal(correctTerm("zzzz", NAMES), null);
  });

  test("gives the words as search compares them: lower case, accents and punctuation dropped", () => {
    assert.equal(correctTerm("ACME, Snyc!", NAMES), "acme sync");
    assert.equal(correctTerm("Cafe Zurihc", NAMES), "cafe zurich");
  });

  test("picks the same word whatever the order of the names", () => {
    assert.equal(correctTerm("acme snyc", [...NAMES].reverse()), "acme sync");
  });
});
