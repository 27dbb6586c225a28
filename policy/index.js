// Entry point of the policy pack (package.json "main"). run-policy-pack registers
// ts-node with type-checking, which would type-check the pack on every start; the swc
// hook takes over .ts files instead (type-checking is `npm run typecheck`).
"use strict";
// ROUTING_INFRA_PACK_TYPECHECK=1 keeps ts-node's type-checking load, for comparison in benchmarks.
if (!process.env.ROUTING_INFRA_PACK_TYPECHECK) require("../lib/ts-hook").install();
module.exports = require("./pack.ts");

// Exit cleanly when the engine (or the harness) stops the pack, so exit hooks such as
// node's --cpu-prof writer run.
process.once("SIGTERM", () => process.exit(0));
