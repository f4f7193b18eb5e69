import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { distance, similarity, wordScore, words } from "../../themes/trust/static/js/search/spelling.js";

describe("words", () => {
  test("lower-cases and splits at anything not a letter or digit", () => {
    assert.deepEqual(words("Acme Sync: two-way, v2!"), ["acme", "sync", "two", "way", "v2"]);
  });

  test("drops accents, so that a name typed without them still matches", () => {
    assert.deepEqual(words("Café Crème Brûlée"), ["cafe", "creme", "brulee"]);
  });

  test("keeps letters of any script, and folds compatibility forms", () => {
    assert.deepEqual(words("Zürich 東京 Ａｃｍｅ ﬁle"), ["zurich", "東京", "acme", "file"]);
  });

  test("gives no word for an empty or blank text, or one of punctuation only", () => {
    assert.deepEqual(words(""), []);
    assert.deepEqual(words("   "), []);
    assert.deepEqual(words("— & · !"), []);
  });

  test("reads any value as text", () => {
    assert.deepEqual(words(42), ["42"]);
  });
});

describe("distance", () => {
  test("counts insertions, deletions and substitutions", () => {
    assert.equal(distance("kitten", "sitting"), 3);
    assert.equal(distance("", "abc"), 3);
    assert.equal(distance("abc", ""), 3);
    assert.equal(distance("", ""), 0);
  });

  test("counts a swap of two neighbours as one edit", () => {
    assert.equal(distance("snyc", "sync"), 1);
    assert.equal(distance("cloudwroks", "cloudworks"), 1);
  });

  test("is symmetric", () => {
    for (const [a, b] of [
      ["acme", "acne"],
      ["globex", "gobelx"],
      ["", "x"],
    ]) {
      assert.equal(distance(a, b), distance(b, a), `${a} / ${b}`);
    }
  });
});

describe("similarity", () => {
  test("is 1 for the same word and 0 for nothing alike", () => {
    assert.equal(similarity("acme", "acme"), 1);
    assert.equal(similarity("abc", "xyz"), 0);
  });

  test("is the share of the longer word left unchanged", () => {
    assert.equal(similarity("snyc", "sync"), 0.75);
    assert.equal(similarity("acme", "acmes"), 0.8);
  });

  test("does not divide by zero on two empty words", () => {
    assert.equal(similarity("", ""), 1);
  });
});

describe("wordScore", () => {
  test("ranks the same word above its beginning, and its beginning above a misspelling", () => {
    assert.equal(wordScore("sync", "sync"), 1);
    assert.equal(wordScore("syn", "sync"), 0.95);
    assert.equal(wordScore("snyc", "sync"), 0.75);
  });

  test("takes a single letter for a beginning only when it is the whole word", () => {
    assert.equal(wordScore("s", "s"), 1);
    assert.equal(wordScore("s", "sync"), 0.25);
  });

  test("catches a misspelt beginning of a longer word", () => {
    // "colu" is one swap from "clou", the word's first four letters: 0.75, less 0.1 for being only a part of it.
    assert.ok(Math.abs(wordScore("colu", "cloudworks") - 0.65) < 1e-9);
    // Against the whole word it would be far off.
    assert.equal(distance("colu", "cloudworks"), 7);
  });
});
