// Loads .ts files by transpiling them with swc: no type-check at load time.
//
// Why: `tsc` over @pulumi/aws + @pulumi/gcp takes ~12 s and ~0.9 GB. Type-checking is a
// separate step (`npm run typecheck`, part of `npm test`), so the CLI, the Pulumi
// program and the policy pack start in well under a second. Installing the hook
// replaces any earlier `.ts` handler (run-policy-pack registers ts-node with type
// checking before it loads the pack).
"use strict";
const fs = require("fs");
const swc = require("@swc/core");

const options = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022", keepClassNames: true },
  module: { type: "commonjs" },
  sourceMaps: "inline",
  swcrc: false,
  configFile: false,
};

function install() {
  // Under jest, modules go through jest's own transform and `require.extensions` is not used.
  if (!require.extensions) return;
  require.extensions[".ts"] = function loadTypeScript(module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const { code } = swc.transformSync(source, { ...options, filename });
    module._compile(code, filename);
  };
}

module.exports = { install };
