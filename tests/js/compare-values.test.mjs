import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  badgeRows,
  badgeState,
  gradeText,
  provenanceClass,
  text,
  tierText,
} from "../../themes/trust/static/js/trust/compare-values.js";

describe("text", () => {
  test("gives strings and numbers as they are", () => {
    assert.equal(text("Acme Sync"), "Acme Sync");
    assert.equal(text(0), "0");
    assert.equal(text("Zürich 東京"), "Zürich 東京");
  });

  test("gives a record by its name, else its label, title or id", () => {
    assert.equal(text({ id: "acme", name: "Acme Cloudworks" }), "Acme Cloudworks");
    assert.equal(text({ label: "L", title: "T", id: "i" }), "L");
    assert.equal(text({ title: "T", id: "i" }), "T");
    assert.equal(text({ id: "i" }), "i");
  });

  test("gives a dash for nothing", () => {
    for (const value of [null, undefined, "", {}, [], true]) assert.equal(text(value), "—", String(value));
  });
});

describe("gradeText", () => {
  test("capitalises a grade given as a word", () => {
    assert.equal(gradeText("green"), "Green");
  });

  test("joins a grade record's colour and label", () => {
    assert.equal(gradeText({ grade: "orange", label: "Developing" }), "Orange · Developing");
    assert.equal(gradeText({ grade: "red" }), "Red");
    assert.equal(gradeText({ label: "Developing" }), "Developing");
  });

  test("says not assessed without a grade", () => {
    assert.equal(gradeText(null), "Not assessed");
    assert.equal(gradeText(""), "Not assessed");
    assert.equal(gradeText({}), "Not assessed");
  });
});

describe("tierText", () => {
  test("gives the tier and its standing in words", () => {
    assert.equal(tierText({ tier: "platinum", tier_standing: "good-standing" }), "Platinum, in good standing");
    assert.equal(tierText({ tier: "gold", tier_standing: "at-risk" }), "Gold, at risk");
    assert.equal(tierText({ tier: "gold", tier_standing: "suspended" }), "Gold, suspended");
  });

  test("words an unknown standing from its id", () => {
    assert.equal(tierText({ tier: "gold", tier_standing: "under-review-now" }), "Gold, under review now");
  });

  test("gives the tier alone without a standing", () => {
    assert.equal(tierText({ tier: "silver" }), "Silver");
  });

  test("reads a tier record: its name, or id, and its own standing label first", () => {
    const app = { tier: { name: "Gold", standing_label: "at-risk" }, tier_standing: "good-standing" };
    assert.equal(tierText(app), "Gold, at risk");
    assert.equal(tierText({ tier: { id: "gold" } }), "gold");
  });

  test("says no tier without one", () => {
    assert.equal(tierText({}), "No tier");
    assert.equal(tierText({ tier: null, tier_standing: "at-risk" }), "No tier");
  });
});

describe("badgeState", () => {
  test("gives the state's short label, and the long label when it says more", () => {
    assert.deepEqual(badgeState({ state: "earned", state_label: "Earned, valid until 30 March 2027" }), {
      state: "earned",
      short: "Earned",
      detail: "Earned, valid until 30 March 2027",
    });
  });

  test("leaves out a long label that repeats the short one", () => {
    assert.equal(badgeState({ state: "not-earned", state_label: "Not earned" }).detail, null);
    assert.equal(badgeState({ state: "exempt", state_short: "Exempt", state_label: "Exempt" }).detail, null);
  });

  test("prefers the record's own short label", () => {
    assert.equal(badgeState({ state: "expiring", state_short: "Expires soon" }).short, "Expires soon");
  });

  test("reads an unknown or missing state as not earned", () => {
    for (const badge of [{ state: "granted" }, {}, { state: "__proto__" }]) {
      assert.deepEqual(badgeState(badge), { state: "not-earned", short: "Not earned", detail: null });
    }
  });

  test("has a label for every state", () => {
    for (const state of ["earned", "expiring", "expired", "not-earned", "exempt", "retired"]) {
      const shown = badgeState({ state });
      assert.equal(shown.state, state);
      assert.ok(shown.short, state);
    }
  });
});

describe("provenanceClass", () => {
  test("is verified only for verified evidence", () => {
    assert.equal(provenanceClass("verified"), "verified");
    assert.equal(provenanceClass("self-attested"), "self-attested");
    assert.equal(provenanceClass("anything else"), "self-attested");
  });
});

describe("badgeRows", () => {
  const badge = (id, state, name = id.toUpperCase()) => ({ id, name, state });

  test("gives the first app's badges in order, then those only later apps have", () => {
    const apps = [
      { badges: [badge("b", "earned"), badge("a", "expired")] },
      { badges: [badge("c", "earned"), badge("a", "earned")] },
    ];
    const rows = badgeRows(apps);
    assert.deepEqual(
      rows.map((row) => [row.id, row.name]),
      [
        ["b", "B"],
        ["a", "A"],
        ["c", "C"],
      ]
    );
    assert.deepEqual(
      rows.map((row) => row.cells.map((cell) => cell && cell.state)),
      [
        ["earned", null],
        ["expired", "earned"],
        [null, "earned"],
      ]
    );
  });

  test("names a row after the first app that has it, or by its id", () => {
    const rows = badgeRows([{ badges: [{ id: "soc2" }] }, { badges: [{ id: "soc2", name: "SOC 2" }] }]);
    assert.equal(rows[0].name, "soc2");
  });

  test("takes the first of a badge listed twice in one app", () => {
    const rows = badgeRows([{ badges: [badge("a", "earned"), badge("a", "expired")] }]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].cells[0].state, "earned");
  });

  test("gives no rows for apps without badges, or no apps", () => {
    assert.deepEqual(badgeRows([{}, { badges: [] }]), []);
    assert.deepEqual(badgeRows([]), []);
  });
});
