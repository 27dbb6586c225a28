// Shared fixtures: one compliant route file per env, as plain objects, so a test can
// change exactly one field and assert exactly one message.
import { RESOURCE_KINDS } from "../routes/catalog";
import type { StackConfig } from "../lib/stack-config";
import { parseStackConfig } from "../lib/stack-config";

export function compliantProdFile(): any {
  const routes: Record<string, { backend: string; collection?: string }> = {};
  for (const kind of RESOURCE_KINDS) routes[kind] = { backend: "registry" };
  routes.chat_bus = { backend: "bus" };
  routes.media_v2_storage = { backend: "media" };
  routes.raw_storage = { backend: "raw" };
  return {
    env: "prod",
    tenants: ["t_acme", "t_beta"],
    backends: {
      registry: { type: "firestore", database: "routing-data" },
      bus: { type: "redis", tier: "STANDARD_HA", memorySizeGb: 5 },
      busBeta: { type: "redis", tier: "STANDARD_HA", memorySizeGb: 2 },
      media: { type: "s3", bucket: "acme-prod-media" },
      raw: { type: "s3", bucket: "acme-prod-raw" },
      scratch: { type: "memory" },
    },
    routes,
    overrides: [{ tenant: "t_beta", kind: "chat_bus", backend: "busBeta" }],
  };
}

export const PROD_CONFIG_RAW: Record<string, string> = {
  "routing-infra:env": "prod",
  "routing-infra:gcpProject": "acme-prod",
  "routing-infra:gcpRegion": "europe-west1",
  "routing-infra:firestoreLocation": "eur3",
  "routing-infra:awsRegion": "eu-west-1",
};

export function prodConfig(overrides: Record<string, string> = {}, stack = "prod"): StackConfig {
  return parseStackConfig({ ...PROD_CONFIG_RAW, ...overrides }, stack, `Pulumi.${stack}.yaml`);
}
