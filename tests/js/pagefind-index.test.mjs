import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { bundleOptions } from "../../themes/trust/static/js/search/pagefind-index.js";

describe("bundleOptions", () => {
  const script = new URL("https://trust.example.com/sub/pagefind/pagefind.js");

  test("finds the bundle next to Pagefind's script", () => {
    const options = bundleOptions(script, new URL("https://trust.example.com/sub/"), "https://trust.example.com");
    assert.equal(options.bundlePath, "https://trust.example.com/sub/pagefind/");
  });

  test("gives the site's path on its own origin, so result addresses stay on the host", () => {
    const options = bundleOptions(script, new URL("https://trust.example.com/sub/"), "https://trust.example.com");
    assert.equal(options.baseUrl, "/sub/");
  });

  test("gives the site's whole address when the page is elsewhere", () => {
    const options = bundleOptions(script, new URL("https://trust.example.com/sub/"), "http://127.0.0.1:8000");
    assert.equal(options.baseUrl, "https://trust.example.com/sub/");
  });
});
