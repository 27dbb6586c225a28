// Entry point of the policy pack (package.json "main"). run-policy-pack registers
// ts-node with type-checking, which would type-check the pack on every start; the swc
// hook takes over .ts files instead (type-checking is `npm run typecheck`).
"use strict";
require("../lib/ts-hook").install();
module.exports = require("./pack.ts");
