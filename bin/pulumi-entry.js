// The program's entry point for the Pulumi CLI (Pulumi.yaml: runtime nodejs,
// typescript: false). Installs the swc transpile-only hook, then runs infra/index.ts.
// Type-checking stays in `npm run typecheck`, so `pulumi preview` starts fast.
"use strict";
require("../lib/ts-hook").install();
module.exports = require("../infra/index.ts");
