// One measured gate run in a fresh process: `node bench/child.js gate <routes-file|-> [--first-preview]`.
// Prints one JSON line with timings and peak memory of this process and of the pack.
import { runGate } from "../lib/gate";

export async function gateChild(routesFile: string | undefined, firstPreview: boolean) {
  const started = performance.now();
  const result = await runGate({ stack: "prod", routesFile, firstPreview });
  const totalMs = performance.now() - started;
  return {
    routes: result.table.routes.length,
    resources: result.resourceCount,
    mandatory: result.mandatory,
    processStartToDoneMs: process.uptime() * 1000,
    gateMs: totalMs,
    ...result.timingsMs,
    cliPeakMb: process.resourceUsage().maxRSS / 1024,
    packPeakMb: result.packPeakMb,
    packRulesMs: result.packRulesMs,
    firstRegistrationMs: result.firstRegistrationMs,
  };
}
