#!/usr/bin/env node
// routing-infra CLI. TypeScript sources are transpiled on load by swc (see lib/ts-hook.js).
"use strict";
require("../lib/ts-hook").install();
require("../cli/main.ts")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
