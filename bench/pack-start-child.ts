// Pack start-up alone: from spawn to the gRPC port, and to the first answered call.
import { PolicyPackHarness } from "../lib/policy-harness";
import { readStackConfig } from "../lib/stack-files";

export async function packStartChild() {
  const started = performance.now();
  const harness = await PolicyPackHarness.start({ stack: "prod", project: "routing-infra", config: readStackConfig("prod"), dryRun: true, startTimeoutMs: 180_000 });
  const portMs = performance.now() - started;
  await harness.analyzerInfo();
  const firstCallMs = performance.now() - started;
  const packPeakMb = harness.packPeakMb();
  await harness.stop();
  return { portMs, firstCallMs, packPeakMb };
}
