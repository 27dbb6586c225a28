// Entry point of one measured run (a fresh process per run, so runs do not share caches).
"use strict";
const started = performance.now();
if (process.env.BENCH_STACK_TRACE_LIMIT !== undefined) Error.stackTraceLimit = Number(process.env.BENCH_STACK_TRACE_LIMIT);
require("../lib/ts-hook").install();
const [mode, arg, flag] = process.argv.slice(2);
const run =
  mode === "floor"
    ? require("./floor-child.ts").floorChild(Number(arg))
    : mode === "pack-start"
      ? require("./pack-start-child.ts").packStartChild()
      : require("./gate-child.ts").gateChild(arg === "-" ? undefined : arg, flag === "--first-preview");
run.then(
  (result) => {
    process.stdout.write(JSON.stringify({ ...result, wallMs: performance.now() - started }) + "\n");
    process.exit(0);
  },
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
