import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  appIdOf,
  appLabel,
  folded,
  matchingApps,
  MAX_SUGGESTIONS,
} from "../../themes/trust/static/js/trust/compare-matches.js";

const NAMES = [
  { name: "Acme Cloudworks", kind: "Partner", url: "partners/acme-cloudworks/" },
  { name: "Acme Sync", kind: "App", url: "apps/acme-sync/", partner: "Acme Cloudworks" },
  { name: "Sync Hub", kind: "App", url: "apps/sync-hub/", partner: "Globex" },
  { name: "Hooli Chat Bridge", kind: "App", url: "apps/hooli-chat/", partner: "Hooli Tools" },
  { name: "Resync", kind: "App", url: "apps/resync/", partner: "Initech" },
  { name: "Café Planner", kind: "App", url: "apps/cafe-planner/", partner: "Zephyr" },
  { name: "SOC 2 Type 2", kind: "Badge", url: "badges/soc2/" },
];

const ids = (apps) => apps.map((app) => app.id);

describe("matchingApps", () => {
  test("suggests nothing for an empty or blank query", () => {
    assert.deepEqual(matchingApps(NAMES, ""), []);
    assert.deepEqual(matchingApps(NAMES, "   "), []);
  });

  test("ranks names that start with the query, then a word that does, then any part, then the partner", () => {
    assert.deepEqual(ids(matchingApps(NAMES, "sync")), ["sync-hub", "acme-sync", "resync"]);
    assert.deepEqual(ids(matchingApps(NAMES, "hooli")), ["hooli-chat"]);
    assert.deepEqual(ids(matchingApps(NAMES, "globex")), ["sync-hub"]);
  });

  test("offers apps only, never partners or badges", () => {
    assert.deepEqual(ids(matchingApps(NAMES, "acme")), ["acme-sync"]);
    assert.deepEqual(matchingApps(NAMES, "soc"), []);
  });

  test("ignores case and accents", () => {
    assert.deepEqual(ids(matchingApps(NAMES, "CAFE")), ["cafe-planner"]);
    assert.deepEqual(ids(matchingApps(NAMES, "café")), ["cafe-planner"]);
  });

  test("leaves out the apps already chosen", () => {
    assert.deepEqual(ids(matchingApps(NAMES, "sync", ["sync-hub"])), ["acme-sync", "resync"]);
  });

  test("gives at most the limit, in name order within a rank", () => {
    const many = Array.from({ length: 20 }, (_, i) => ({
      name: "App " + String(20 - i).padStart(2, "0"),
      kind: "App",
      url: "apps/app-" + i + "/",
    }));
    const found = matchingApps(many, "app");
    assert.equal(found.length, MAX_SUGGESTIONS);
    assert.deepEqual(
      found.map((app) => app.name),
      ["App 01", "App 02", "App 03", "App 04", "App 05", "App 06", "App 07", "App 08"]
    );
  });

  test("returns the id, name and partner of each", () => {
    assert.deepEqual(matchingApps(NAMES, "acme s"), [{ id: "acme-sync", name: "Acme Sync", partner: "Acme Cloudworks" }]);
  });
});

describe("appIdOf", () => {
  test("reads the id of an app page's URL, and nothing of another", () => {
    assert.equal(appIdOf("apps/acme-sync/"), "acme-sync");
    assert.equal(appIdOf("apps/caf%C3%A9/"), "café");
    assert.equal(appIdOf("partners/acme/"), "");
    assert.equal(appIdOf("apps/page/2/"), "");
    assert.equal(appIdOf(undefined), "");
  });
});

describe("folded and appLabel", () => {
  test("fold case, accents and spaces; label with the partner when known", () => {
    assert.equal(folded("  Ünïcode Café "), "unicode cafe");
    assert.equal(appLabel({ name: "Acme Sync", partner: "Acme Cloudworks" }), "Acme Sync by Acme Cloudworks");
    assert.equal(appLabel({ name: "Acme Sync", partner: "" }), "Acme Sync");
  });
});
