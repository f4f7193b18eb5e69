import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  choiceFromQuery,
  itemMatches,
  queryFromChoice,
  shownText,
  tokens,
  valuesInUse,
} from "../../themes/trust/static/js/trust/listing-selection.js";

// The apps listing's select boxes: the name each has in the address, and its options ("" is "any").
const SELECTS = [
  { name: "hosting", values: ["", "cloud", "datacenter", "server"] },
  { name: "tier", values: ["", "platinum", "gold", "none"] },
  { name: "badge", values: ["", "soc2", "iso27001"] },
];

const ITEMS = [
  { hosting: ["cloud"], tier: ["gold"], badges: ["soc2", "iso27001"] },
  { hosting: ["cloud", "server"], tier: ["none"], badges: [] },
  { hosting: ["server"], tier: ["gold"], badges: ["soc2"] },
];

describe("tokens", () => {
  test("splits an item's attribute at |", () => {
    assert.deepEqual(tokens("soc2|iso27001"), ["soc2", "iso27001"]);
    assert.deepEqual(tokens("gold"), ["gold"]);
  });

  test("gives none for an empty or missing attribute", () => {
    assert.deepEqual(tokens(""), []);
    assert.deepEqual(tokens(undefined), []);
  });
});

describe("itemMatches", () => {
  const choice = (filter, value) => ({ filter, name: filter, value });

  test("shows every item while nothing is chosen", () => {
    assert.ok(ITEMS.every((item) => itemMatches(item, [])));
  });

  test("shows an item that has every value chosen", () => {
    assert.deepEqual(
      ITEMS.map((item) => itemMatches(item, [choice("hosting", "cloud"), choice("badges", "soc2")])),
      [true, false, false]
    );
    assert.deepEqual(
      ITEMS.map((item) => itemMatches(item, [choice("tier", "gold")])),
      [true, false, true]
    );
  });

  test("matches values exactly, and hides an item without the attribute", () => {
    assert.equal(itemMatches(ITEMS[0], [choice("tier", "Gold")]), false);
    assert.equal(itemMatches(ITEMS[0], [choice("grade", "green")]), false);
  });
});

describe("valuesInUse", () => {
  test("keeps the values some item has, in their order", () => {
    assert.deepEqual(valuesInUse(["server", "datacenter", "cloud"], ITEMS, "hosting"), ["server", "cloud"]);
    assert.deepEqual(valuesInUse(["iso27001", "pci"], ITEMS, "badges"), ["iso27001"]);
  });

  test("keeps none with no items, or for an attribute no item has", () => {
    assert.deepEqual(valuesInUse(["cloud"], [], "hosting"), []);
    assert.deepEqual(valuesInUse(["green"], ITEMS, "grade"), []);
  });
});

describe("choiceFromQuery", () => {
  test("takes each select's value from the address", () => {
    assert.deepEqual(
      choiceFromQuery("?tier=gold&hosting=cloud", SELECTS),
      new Map([
        ["hosting", "cloud"],
        ["tier", "gold"],
      ])
    );
  });

  test("takes nothing from an empty address", () => {
    assert.deepEqual(choiceFromQuery("", SELECTS), new Map());
    assert.deepEqual(choiceFromQuery("?", SELECTS), new Map());
  });

  test("leaves out names no select has, and values a select does not offer", () => {
    assert.deepEqual(choiceFromQuery("?grade=green&tier=Gold&badge=pci&q=acme", SELECTS), new Map());
  });

  test("takes the first of a repeated name", () => {
    assert.deepEqual(choiceFromQuery("?tier=gold&tier=platinum", SELECTS), new Map([["tier", "gold"]]));
    // Only the first counts, even when it is not offered.
    assert.deepEqual(choiceFromQuery("?tier=bronze&tier=gold", SELECTS), new Map());
  });

  test("does not take an empty value for a choice", () => {
    assert.deepEqual(choiceFromQuery("?tier=&hosting=server", SELECTS), new Map([["hosting", "server"]]));
  });

  test("is not fooled by names every object has", () => {
    const selects = [{ name: "constructor", values: ["", "x"] }];
    assert.deepEqual(choiceFromQuery("?toString=x", selects), new Map());
    assert.deepEqual(choiceFromQuery("?constructor=x", selects), new Map([["constructor", "x"]]));
  });
});

describe("queryFromChoice", () => {
  test("writes the choices in their order", () => {
    const choices = [
      { filter: "hosting", name: "hosting", value: "cloud" },
      { filter: "badges", name: "badge", value: "soc2" },
    ];
    assert.equal(queryFromChoice(choices), "hosting=cloud&badge=soc2");
  });

  test("writes nothing for no choice", () => {
    assert.equal(queryFromChoice([]), "");
  });

  test("reads back as the same choice", () => {
    const choices = [
      { filter: "tier", name: "tier", value: "none" },
      { filter: "badges", name: "badge", value: "iso27001" },
    ];
    assert.deepEqual(
      choiceFromQuery(queryFromChoice(choices), SELECTS),
      new Map([
        ["tier", "none"],
        ["badge", "iso27001"],
      ])
    );
  });
});

describe("shownText", () => {
  test("says how many of all are shown, the noun agreeing with the total", () => {
    assert.equal(shownText(3, 12, "app", "apps"), "Showing 3 of 12 apps.");
    assert.equal(shownText(0, 12, "app", "apps"), "Showing 0 of 12 apps.");
    assert.equal(shownText(1, 1, "partner", "partners"), "Showing 1 of 1 partner.");
  });
});
