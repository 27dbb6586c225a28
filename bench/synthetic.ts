// Synthetic prod route files: the 17 kinds for N tenants, on the shipped prod backends,
// with a few overrides, as a plain module the loader imports like any route file.
import * as fs from "fs";
import * as path from "path";
import { RESOURCE_KINDS } from "../routes/catalog";

export const OUT_DIR = path.join(__dirname, "out");

export function syntheticRouteFile(tenants: number): string {
  const names = Array.from({ length: tenants }, (_, i) => `t_${String(i).padStart(5, "0")}`);
  const routes: Record<string, { backend: string }> = {};
  for (const kind of RESOURCE_KINDS) routes[kind] = { backend: "registry" };
  routes.chat_bus = { backend: "chatBus" };
  routes.media_v2_storage = { backend: "media" };
  routes.raw_storage = { backend: "raw" };
  const file = {
    env: "prod",
    tenants: names,
    backends: {
      registry: { type: "firestore", database: "routing-data" },
      chatBus: { type: "redis", tier: "STANDARD_HA", memorySizeGb: 5 },
      chatBusBig: { type: "redis", tier: "STANDARD_HA", memorySizeGb: 20 },
      media: { type: "s3", bucket: "bench-prod-media" },
      raw: { type: "s3", bucket: "bench-prod-raw" },
    },
    routes,
    overrides: names.filter((_, i) => i % 10 === 0).map((tenant) => ({ tenant, kind: "chat_bus", backend: "chatBusBig" })),
  };
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const target = path.join(OUT_DIR, `prod-${tenants}.js`);
  fs.writeFileSync(target, `module.exports = ${JSON.stringify(file)};\n`);
  return target;
}
