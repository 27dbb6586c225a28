// Development routing table: ephemeral backends where losing data on restart is fine,
// one small Firestore database and a BASIC Redis where a kind needs the real thing to
// be exercised (chat_bus for one tenant, realtime_registry).
import { defineRoutes } from "./define";

export default defineRoutes({
  env: "dev",
  tenants: ["t_acme", "t_beta"],
  backends: {
    registry: { type: "firestore", database: "routing-data-dev" },
    chatBus: { type: "redis", tier: "BASIC", memorySizeGb: 1 },
    scratch: { type: "memory" },
    discard: { type: "noop" },
    localFiles: { type: "local", path: "/tmp/northstar-dev-storage" },
    media: { type: "s3", bucket: "northstar-dev-media" },
  },
  routes: {
    analytics_events:  { backend: "discard" },
    budget:            { backend: "scratch" },
    chat_bus:          { backend: "scratch" },
    feature_flags:     { backend: "registry" },
    firearms:          { backend: "scratch" },
    kpi:               { backend: "discard" },
    maybes:            { backend: "scratch" },
    media_v2_storage:  { backend: "localFiles" },
    memory:            { backend: "scratch" },
    nexus_backend:     { backend: "scratch" },
    page_content:      { backend: "scratch" },
    rate_limit:        { backend: "discard" },
    raw_storage:       { backend: "localFiles" },
    realtime_registry: { backend: "registry" },
    seo:               { backend: "scratch" },
    strategy_lock:     { backend: "scratch" },
    timeline:          { backend: "scratch" },
  },
  overrides: [
    { tenant: "t_acme", kind: "chat_bus", backend: "chatBus", reason: "exercise the real Redis path in dev" },
    { tenant: "t_acme", kind: "media_v2_storage", backend: "media", reason: "exercise the real S3 path in dev" },
  ],
});
