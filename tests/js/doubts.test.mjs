import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { typedWords, unconfirmedWords, unmatchedWords } from "../../themes/trust/static/js/search/doubts.js";

describe("typedWords", () => {
  test("splits at spaces and keeps each word once, in the order typed", () => {
    assert.deepEqual(typedWords("acme  snyc acme\tsync"), ["acme", "snyc", "sync"]);
  });

  test("leaves out words without a letter or digit, and keeps punctuation inside the others", () => {
    assert.deepEqual(typedWords("— acme & co. 2"), ["acme", "co.", "2"]);
    assert.deepEqual(typedWords("東京 Zürich"), ["東京", "Zürich"]);
  });

  test("gives no word for an empty or blank search", () => {
    assert.deepEqual(typedWords(""), []);
    assert.deepEqual(typedWords("   "), []);
  });
});

// A stand-in for pagefind.search: a word finds results when it is in `known`.
function searchOf(known) {
  const asked = [];
  const search = (word) => {
    asked.push(word);
    return Promise.resolve({ results: known.includes(word) ? [{ id: word }] : [] });
  };
  return { search, asked };
}

describe("unmatchedWords", () => {
  test("names the words that find nothing on their own", async () => {
    const { search, asked } = searchOf(["acme"]);
    assert.deepEqual(await unmatchedWords("acme snyc zzz", search), ["snyc", "zzz"]);
    assert.deepEqual(asked, ["acme", "snyc", "zzz"]);
  });

  test("never asks about a search of one word, or of none: Pagefind left nothing out of it", async () => {
    const { search, asked } = searchOf([]);
    assert.deepEqual(await unmatchedWords("snyc", search), []);
    assert.deepEqual(await unmatchedWords("snyc snyc", search), []);
    assert.deepEqual(await unmatchedWords("", search), []);
    assert.deepEqual(asked, []);
  });

  test("gives none when every word finds something", async () => {
    const { search } = searchOf(["acme", "sync"]);
    assert.deepEqual(await unmatchedWords("acme sync", search), []);
  });

  test("keeps the order typed, whatever order the searches answer in", async () => {
    const slowFirst = (word) =>
      new Promise((resolve) => setTimeout(() => resolve({ results: [] }), word === "b" ? 20 : 0));
    assert.deepEqual(await unmatchedWords("b a", slowFirst), ["b", "a"]);
  });
});

describe("unconfirmedWords", () => {
  const ITEMS = [{ content: "Cloudworks builds sync and backup apps." }, { content: "Acme Sync. By Acme Cloudworks." }];

  test("names the typed words that begin no word of the results", () => {
    assert.deepEqual(unconfirmedWords("cloudwroks", ITEMS), ["cloudwroks"]);
    assert.deepEqual(unconfirmedWords("acme cloudwroks", ITEMS), ["cloudwroks"]);
  });

  test("accepts a word that begins one of the results' words, whatever its case and accents", () => {
    assert.deepEqual(unconfirmedWords("Clöud SY", ITEMS), []);
  });

  test("gives none for an empty search, and every word for no results", () => {
    assert.deepEqual(unconfirmedWords("", ITEMS), []);
    assert.deepEqual(unconfirmedWords("acme sync", []), ["acme", "sync"]);
    assert.deepEqual(unconfirmedWords("acme", [{}]), ["acme"]);
  });
});
