import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { decodeEntities, excerptParts } from "../../themes/trust/static/js/search/excerpt.js";

describe("decodeEntities", () => {
  test("undoes the references Pagefind writes when it escapes a page's text", () => {
    assert.equal(
      decodeEntities("Quibble &amp; Sons &lt;b&gt; &quot;x&quot; &apos;y&apos;"),
      "Quibble & Sons <b> \"x\" 'y'"
    );
  });

  test("undoes decimal and hexadecimal references, astral characters included", () => {
    assert.equal(decodeEntities("&#39;&#x27;&#X1F600;&#128512;"), "''😀😀");
  });

  test("leaves alone what is not a reference it knows, or not a character", () => {
    for (const text of ["&nbsp;", "&copy;", "&#0;", "&#x110000;", "& amp;", "&amp", "AT&T", "&AMP;"]) {
      assert.equal(decodeEntities(text), text);
    }
  });

  test("does not take a name inherited by every object for a reference", () => {
    assert.equal(decodeEntities("&constructor; &toString;"), "&constructor; &toString;");
  });

  test("decodes once: an escaped reference stays a reference, as text", () => {
    assert.equal(decodeEntities("&amp;lt;"), "&lt;");
  });
});

describe("excerptParts", () => {
  test("splits the excerpt at its marks", () => {
    assert.deepEqual(excerptParts("<mark>Acme</mark> Sync by <mark>Acme</mark> Cloudworks"), [
      { text: "Acme", marked: true },
      { text: " Sync by ", marked: false },
      { text: "Acme", marked: true },
      { text: " Cloudworks", marked: false },
    ]);
  });

  test("gives markup in the page's text back as text, never as elements", () => {
    assert.deepEqual(excerptParts("a &lt;script&gt;alert(1)&lt;/script&gt; <mark>b</mark>"), [
      { text: "a <script>alert(1)</script> ", marked: false },
      { text: "b", marked: true },
    ]);
  });

  test("gives no part for an empty or missing excerpt", () => {
    assert.deepEqual(excerptParts(""), []);
    assert.deepEqual(excerptParts(undefined), []);
    assert.deepEqual(excerptParts(null), []);
    assert.deepEqual(excerptParts("<mark></mark>"), []);
  });

  test("treats any other tag as text", () => {
    assert.deepEqual(excerptParts("<b>x</b><MARK>y</MARK>"), [{ text: "<b>x</b><MARK>y</MARK>", marked: false }]);
  });

  test("marks to the end an unclosed mark, and ignores a stray close", () => {
    assert.deepEqual(excerptParts("a</mark>b<mark>c"), [
      { text: "a", marked: false },
      { text: "b", marked: false },
      { text: "c", marked: true },
    ]);
  });

  test("keeps Unicode text as it is", () => {
    assert.deepEqual(excerptParts("<mark>Zürich</mark> 東京 😀"), [
      { text: "Zürich", marked: true },
      { text: " 東京 😀", marked: false },
    ]);
  });
});
