/*
 * The theme's modules as a whole: every import resolves to a file the build serves, every module is loaded by
 * a page's entry point, and the pure modules (those the other tests run here, outside a browser) reach no DOM.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const JS = resolve(dirname(fileURLToPath(import.meta.url)), "../../themes/trust/static/js");
// What the templates load with <script type="module">.
const ENTRY_POINTS = ["search/page.js", "trust/page.js"];
// Modules of logic only: no document, no window, no network. Their imports must be pure too.
const PURE = [
  "search/address.js",
  "search/bundles.js",
  "search/card-content.js",
  "search/did-you-mean.js",
  "search/doubts.js",
  "search/excerpt.js",
  "search/facets.js",
  "search/messages.js",
  "search/name-match.js",
  "search/spelling.js",
  "trust/compare-choice.js",
  "trust/compare-matches.js",
  "trust/compare-values.js",
  "trust/listing-selection.js",
];
const BROWSER_GLOBALS = ["document", "window", "navigator", "location", "history", "fetch", "localStorage"];

function modules(dir = JS) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith(".js") ? [relative(JS, path)] : [];
  });
}

function source(module) {
  return readFileSync(join(JS, module), "utf8");
}

/** The modules `module` imports, as paths under js/; fails on an import it cannot read. */
function imports(module) {
  const text = source(module);
  const statements = [...text.matchAll(/^import\s+(?:[^;]*?\s+from\s+)?"([^"]+)";/gms)].map((match) => match[1]);
  const lines = text.split("\n").filter((line) => /^import[\s{"]/.test(line)).length;
  assert.equal(statements.length, lines, `${module}: an import statement this test cannot read`);
  return statements.map((specifier) => {
    assert.match(specifier, /^\.\.?\/.*\.js$/, `${module}: "${specifier}" is not a relative path to a .js file`);
    return relative(JS, resolve(dirname(join(JS, module)), specifier));
  });
}

function withoutComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'])\/\/.*$/gm, "$1");
}

describe("the theme's modules", () => {
  const all = modules();

  test("are what this test expects", () => {
    for (const module of [...ENTRY_POINTS, ...PURE]) assert.ok(all.includes(module), module);
    assert.ok(all.length > ENTRY_POINTS.length + PURE.length);
  });

  test("import only modules that exist", () => {
    for (const module of all) {
      for (const imported of imports(module)) assert.ok(all.includes(imported), `${module} imports ${imported}`);
    }
  });

  test("are each loaded from an entry point", () => {
    const reached = new Set();
    const visit = (module) => {
      if (reached.has(module)) return;
      reached.add(module);
      imports(module).forEach(visit);
    };
    ENTRY_POINTS.forEach(visit);
    assert.deepEqual([...reached].sort(), [...all].sort());
  });

  test("that are pure import only pure modules", () => {
    for (const module of PURE) {
      for (const imported of imports(module)) assert.ok(PURE.includes(imported), `${module} imports ${imported}`);
    }
  });

  test("that are pure name no browser global", () => {
    for (const module of PURE) {
      const code = withoutComments(source(module));
      for (const name of BROWSER_GLOBALS) {
        assert.doesNotMatch(code, new RegExp(`\\b${name}\\b`), `${module} uses ${name}`);
      }
    }
  });

  test("that are pure load outside a browser", async () => {
    assert.equal(typeof globalThis.document, "undefined");
    for (const module of PURE) {
      const loaded = await import(join(JS, module));
      assert.ok(Object.keys(loaded).length > 0, module);
    }
  });
});
