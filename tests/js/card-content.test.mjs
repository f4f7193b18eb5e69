import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  badgeChips,
  classToken,
  MAX_BADGES,
  matchingSections,
} from "../../themes/trust/static/js/search/card-content.js";

describe("classToken", () => {
  test("keeps a value that can name a class modifier", () => {
    assert.equal(classToken("platinum", "none"), "platinum");
    assert.equal(classToken("at-risk", "none"), "at-risk");
    assert.equal(classToken("tier-2", "none"), "tier-2");
  });

  test("gives the fallback for anything that could add or break classes", () => {
    for (const value of ["gold evil", "Gold", "gold\n", "", undefined, null, "göld", "a_b", "x\"y", "-->"]) {
      assert.equal(classToken(value, "none"), "none", String(value));
    }
  });
});

describe("badgeChips", () => {
  const chips = (...names) => names.map((name) => ({ name, selfAttested: false }));

  test("lists every badge when there are few", () => {
    assert.deepEqual(badgeChips("SOC 2 Type 2|ISO/IEC 27001"), { chips: chips("SOC 2 Type 2", "ISO/IEC 27001"), more: 0 });
  });

  test("lists four, and counts the rest", () => {
    assert.equal(MAX_BADGES, 4);
    assert.deepEqual(badgeChips("a|b|c|d|e|f"), { chips: chips("a", "b", "c", "d"), more: 2 });
    assert.deepEqual(badgeChips("a|b|c|d"), { chips: chips("a", "b", "c", "d"), more: 0 });
  });

  test("takes a smaller limit when given one", () => {
    assert.deepEqual(badgeChips("a|b|c", "", 1), { chips: chips("a"), more: 2 });
  });

  test("marks the badges resting on the partner's word", () => {
    assert.deepEqual(badgeChips("SOC 2|ISO", "ISO").chips, [
      { name: "SOC 2", selfAttested: false },
      { name: "ISO", selfAttested: true },
    ]);
  });

  test("gives nothing for no badges", () => {
    assert.equal(badgeChips(""), null);
    assert.equal(badgeChips(undefined), null);
  });
});

describe("matchingSections", () => {
  const page = (subs, meta = { kind: "Page", title: "How badges work" }) => ({ meta, sub_results: subs });
  const sub = (title, url) => ({ title, url });

  test("lists the sections of a content page that matched, at most three, in Pagefind's order", () => {
    const subs = [sub("A", "/p/#a"), sub("B", "/p/#b"), sub("C", "/p/#c"), sub("D", "/p/#d")];
    assert.deepEqual(matchingSections(page(subs)), subs.slice(0, 3));
  });

  test("leaves out the page itself: no anchor, no title, or the page's own title", () => {
    const subs = [sub("How badges work", "/p/#top"), sub("Whole page", "/p/"), sub("", "/p/#x"), sub("Kept", "/p/#k")];
    assert.deepEqual(matchingSections(page(subs)), [sub("Kept", "/p/#k")]);
  });

  test("lists none for a record's page, whose card says it all", () => {
    assert.deepEqual(matchingSections(page([sub("Badges", "/apps/x/#badges")], { kind: "App", title: "X" })), []);
  });

  test("lists none when Pagefind gives no meta or no sections", () => {
    assert.deepEqual(matchingSections({}), []);
    assert.deepEqual(matchingSections({ meta: { kind: "Page" } }), []);
  });
});
