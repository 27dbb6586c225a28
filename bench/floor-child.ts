// The floor: a minimal program that registers the same number of plain
// gcp.firestore.Document resources under the same mocks, with no policy and no routing
// logic. routing-infra's overhead is reported as a ratio to this.
import * as gcp from "@pulumi/gcp";
import { runUnderMocks } from "../lib/mock-engine";

export async function floorChild(documents: number) {
  const started = performance.now();
  const { resources } = await runUnderMocks(
    { project: "routing-infra", stack: "prod", config: { "gcp:project": "bench" } },
    () => {
      for (let i = 0; i < documents; i++) {
        new gcp.firestore.Document(`doc-${i}`, {
          project: "bench",
          collection: "resource_routes",
          documentId: `prod:t_${i}:kpi`,
          fields: JSON.stringify({ backend_type: { stringValue: "firestore" }, required: { booleanValue: true } }),
        });
      }
      return {};
    },
  );
  return {
    resources: resources.length,
    programMs: performance.now() - started,
    processStartToDoneMs: process.uptime() * 1000,
    peakMb: process.resourceUsage().maxRSS / 1024,
  };
}
