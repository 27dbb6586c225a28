// An independent, deliberately simple statement of what the gate must decide for a
// route file: which documents route to a non-durable backend, and which required
// documents are missing. Written from the contract, not from the resolver.
const DURABLE = new Set(["firestore", "redis", "s3"]);
const ALL_KINDS = [
  "feature_flags", "strategy_lock", "kpi", "budget", "maybes", "memory", "analytics_events", "rate_limit", "firearms",
  "page_content", "seo", "realtime_registry", "chat_bus", "nexus_backend", "media_v2_storage", "raw_storage", "timeline",
];

export function oracle(file: any): { ephemeral: string[]; missing: string[] } {
  const ephemeral: string[] = [];
  const missing: string[] = [];
  for (const tenant of file.tenants) {
    for (const project of [null, ...(file.projects[tenant] ?? [])]) {
      for (const kind of ALL_KINDS) {
        const id = `prod:${tenant}:${kind}${project ? `:${project}` : ""}`;
        let backend: string | undefined;
        for (const o of file.overrides) if (o.tenant === tenant && o.kind === kind && (o.project ?? null) === project && project !== null) backend = o.backend;
        if (backend === undefined) for (const o of file.overrides) if (o.tenant === tenant && o.kind === kind && o.project === undefined) backend = o.backend;
        if (backend === undefined) backend = file.routes[kind]?.backend;
        if (backend === undefined) missing.push(id);
        else if (!DURABLE.has(file.backends[backend].type)) ephemeral.push(id);
      }
    }
  }
  return { ephemeral: ephemeral.sort(), missing: missing.sort() };
}
