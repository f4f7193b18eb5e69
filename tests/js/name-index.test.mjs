import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";

import { nameIndex } from "../../themes/trust/static/js/search/name-index.js";

const SITE = new URL("https://trust.example.com/sub/");
const INDEX = new URL("search/names/", SITE);
const realFetch = globalThis.fetch;

function record(title, url, extra = {}) {
  return { url, meta: { title, kind: "App", ...extra }, filters: { kind: ["App"] } };
}

/** fetch answering from `files` ({file name: document, or a status number}), counting what is asked. */
function serve(files) {
  const asked = [];
  globalThis.fetch = (href) => {
    const name = href.slice(INDEX.href.length);
    asked.push(name);
    const answer = files[name];
    if (typeof answer === "number" || answer === undefined) {
      return Promise.resolve({ ok: false, status: answer || 404, json: () => Promise.reject(new Error("none")) });
    }
    return Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(answer) });
  };
  return asked;
}

afterEach(() => {
  globalThis.fetch = realFetch;
});

describe("nameIndex", () => {
  test("reads the file of the longest word once, and answers with each result's card data", async () => {
    const asked = serve({ "73796e.json": { records: [record("Acme Sync", "apps/acme-sync/", { partner: "Acme" })] } });
    const index = nameIndex(INDEX, SITE);
    const found = await index.search("ac sync");
    assert.equal(found.results.length, 1);
    const data = await found.results[0].data();
    assert.equal(data.url, "https://trust.example.com/sub/apps/acme-sync/");
    assert.equal(data.meta.title, "Acme Sync");
    assert.equal(data.excerpt, "");
    await index.search("sync");
    assert.deepEqual(asked, ["73796e.json"]);
  });

  test("a file that is not there means no name has the word", async () => {
    serve({});
    const found = await nameIndex(INDEX, SITE).search("zzzz");
    assert.equal(found.unfilteredResultCount, 0);
    assert.equal(found.tooCommon, undefined);
  });

  test("a file of too many names is passed over for the next word's, or says the words are too common", async () => {
    const asked = serve({
      "6a6972.json": { records: [], too_many: 6000 },
      "74656d.json": { records: [record("Tempo for Jira", "apps/tempo/")] },
    });
    const index = nameIndex(INDEX, SITE);
    const found = await index.search("jira tempo");
    assert.deepEqual(
      found.results.map((result) => result.id),
      ["apps/tempo/"]
    );
    assert.deepEqual(asked, ["74656d.json"]);
    const common = await index.search("jira");
    assert.equal(common.tooCommon, true);
    assert.equal(common.results.length, 0);
  });

  test("a failed read fails the search and is not remembered", async () => {
    const asked = serve({ "73796e.json": 500 });
    const index = nameIndex(INDEX, SITE);
    await assert.rejects(index.search("sync"));
    await assert.rejects(index.search("sync"));
    assert.deepEqual(asked, ["73796e.json", "73796e.json"]);
  });
});
