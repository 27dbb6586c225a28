// Production routing table: one default row per kind (sorted by kind), then the
// tenants that differ. Changing a row changes the ResourceRoute documents that
// production services read at startup; `routing-infra diff` shows the effect.
import { defineRoutes } from "./define";

export default defineRoutes({
  env: "prod",
  tenants: ["t_acme", "t_beta", "t_corvid"],
  projects: {
    t_acme: ["p_launch"],
  },
  backends: {
    registry: { type: "firestore", database: "routing-data" },
    chatBus: { type: "redis", tier: "STANDARD_HA", memorySizeGb: 5 },
    chatBusBeta: { type: "redis", tier: "STANDARD_HA", memorySizeGb: 2 },
    media: { type: "s3", bucket: "northstar-prod-media" },
    raw: { type: "s3", bucket: "northstar-prod-raw" },
    betaMedia: { type: "s3", bucket: "northstar-prod-beta-media" },
    launchRaw: { type: "s3", bucket: "northstar-prod-launch-raw" },
  },
  routes: {
    analytics_events:  { backend: "registry" },
    budget:            { backend: "registry" },
    chat_bus:          { backend: "chatBus" },
    feature_flags:     { backend: "registry" },
    firearms:          { backend: "registry" },
    kpi:               { backend: "registry" },
    maybes:            { backend: "registry" },
    media_v2_storage:  { backend: "media" },
    memory:            { backend: "registry", collection: "sessions" },
    nexus_backend:     { backend: "registry" },
    page_content:      { backend: "registry" },
    rate_limit:        { backend: "registry" },
    raw_storage:       { backend: "raw" },
    realtime_registry: { backend: "registry" },
    seo:               { backend: "registry" },
    strategy_lock:     { backend: "registry" },
    timeline:          { backend: "registry" },
  },
  overrides: [
    { tenant: "t_beta", kind: "chat_bus", backend: "chatBusBeta", reason: "beta's chat traffic is isolated on its own instance" },
    { tenant: "t_beta", kind: "media_v2_storage", backend: "betaMedia", reason: "contractual data separation for t_beta media" },
    { tenant: "t_acme", project: "p_launch", kind: "raw_storage", backend: "launchRaw", reason: "launch uploads kept apart for their retention rules" },
  ],
});
