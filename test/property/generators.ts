// fast-check generators of route files: mostly well-formed, often subtly wrong.
import * as fc from "fast-check";
import { KIND_CATALOG, RESOURCE_KINDS } from "../../routes/catalog";

export const RUNS = Number(process.env.ROUTING_INFRA_PROPERTY_RUNS ?? 1000);

const BACKEND_NAMES = ["reg", "reg2", "bus", "media", "raw", "mem", "nop", "loc", "x"];

const tenantId = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("t_acme", "t_beta", "t_c", "T-9.x", "0") },
  { weight: 1, arbitrary: fc.constantFrom("", ".", "..", "__x__", "t/x", "t:x", "a".repeat(65), "t acme") },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

const backendSpec = fc.oneof(
  fc.record({ type: fc.constant("firestore"), database: fc.constantFrom("routing-data", "(default)", "other-db", "Bad_DB") }),
  fc.record({ type: fc.constant("redis"), tier: fc.constantFrom("BASIC", "STANDARD_HA", "PREMIUM"), memorySizeGb: fc.oneof(fc.integer({ min: -1, max: 400 }), fc.constant(2.5)) }),
  fc.record({ type: fc.constant("s3"), bucket: fc.constantFrom("good-bucket-1", "good-bucket-2", "good.bucket.three", "Bad_Bucket", "ab") }),
  fc.constantFrom({ type: "memory" }, { type: "noop" }, { type: "local", path: "/tmp/x" }),
  fc.record({ type: fc.constantFrom("Memory", "sqlite", "") }),
  fc.record({ type: fc.constant("s3"), bucket: fc.constant("good-bucket-9"), extra: fc.constant(1) }),
);

const kindName = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...RESOURCE_KINDS) }, { weight: 1, arbitrary: fc.constantFrom("feature_flag", "kpis", "") });
const backendRef = fc.constantFrom(...BACKEND_NAMES, "missing");

/** A route file object as a person might write it, right or wrong. */
export const routeFile = fc.record(
  {
    env: fc.constantFrom("prod", "prod", "dev", "staging", "production"),
    tenants: fc.uniqueArray(tenantId, { maxLength: 4 }),
    projects: fc.dictionary(tenantId, fc.array(fc.constantFrom("p_x", "p.y", "__p__", "p/z"), { maxLength: 2 }), { maxKeys: 2 }),
    backends: fc.dictionary(fc.constantFrom(...BACKEND_NAMES), backendSpec, { maxKeys: 6 }),
    routes: fc.dictionary(kindName, fc.record({ backend: backendRef, collection: fc.constantFrom("c1", "bad/collection") }, { requiredKeys: ["backend"] }), {
      maxKeys: 17,
    }),
    overrides: fc.array(
      fc.record({ tenant: tenantId, project: fc.constantFrom("p_x", "p.y"), kind: kindName, backend: backendRef, reason: fc.constant("r") }, { requiredKeys: ["tenant", "kind", "backend"] }),
      { maxLength: 3 },
    ),
    tenant: fc.constant(["misspelled"]),
  },
  { requiredKeys: ["env", "tenants", "backends", "routes"] },
);

const POOL: Record<string, { type: string; [key: string]: unknown }> = {
  reg: { type: "firestore", database: "routing-data" },
  bus: { type: "redis", tier: "STANDARD_HA", memorySizeGb: 5 },
  media: { type: "s3", bucket: "gen-media" },
  mem: { type: "memory" },
  nop: { type: "noop" },
  loc: { type: "local", path: "/tmp/x" },
};

/** The pool's backend names a kind accepts (structure checks still hold in the gate's mode). */
function allowedFor(kind: (typeof RESOURCE_KINDS)[number]): string[] {
  const types: readonly string[] = KIND_CATALOG[kind].allowedBackends;
  return Object.keys(POOL).filter((name) => types.includes(POOL[name].type));
}

/** Well-formed prod tables whose only possible faults are the gate's: ephemeral routes and unrouted kinds. */
export const prodTable = fc
  .record({
    tenants: fc.uniqueArray(fc.constantFrom("t_a", "t_b", "t_c", "t_d"), { minLength: 1, maxLength: 3 }),
    withProject: fc.boolean(),
    defaults: fc.array(fc.option(fc.nat(5), { freq: 6 }), { minLength: 17, maxLength: 17 }),
    overrides: fc.array(fc.record({ t: fc.nat(3), kind: fc.nat(16), backend: fc.nat(5), onProject: fc.boolean() }), { maxLength: 5 }),
    unknownFields: fc.array(fc.boolean(), { minLength: 100, maxLength: 100 }),
    /** Half the tables start from the contract's prod backends, so passing tables are common too. */
    durableOnly: fc.boolean(),
  })
  .map(({ tenants, withProject, defaults, overrides, unknownFields, durableOnly }) => {
    const allowedNames = (kind: (typeof RESOURCE_KINDS)[number]) =>
      durableOnly ? allowedFor(kind).filter((n) => ["reg", "bus", "media"].includes(n)) : allowedFor(kind);
    if (durableOnly) defaults = defaults.map((d) => d ?? 0);
    const projects = withProject ? { [tenants[0]]: ["p_1"] } : {};
    const routes: Record<string, { backend: string }> = {};
    RESOURCE_KINDS.forEach((kind, i) => {
      const choice = defaults[i];
      if (choice !== null) routes[kind] = { backend: allowedNames(kind)[choice % allowedNames(kind).length] };
    });
    const seen = new Set<string>();
    const overrideRows = [];
    for (const o of overrides) {
      const tenant = tenants[o.t % tenants.length];
      const kind = RESOURCE_KINDS[o.kind];
      const project = o.onProject && withProject && tenant === tenants[0] ? "p_1" : undefined;
      const key = `${tenant}/${project}/${kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      overrideRows.push({ tenant, ...(project ? { project } : {}), kind, backend: allowedNames(kind)[o.backend % allowedNames(kind).length] });
    }
    return { file: { env: "prod", tenants, projects, backends: POOL, routes, overrides: overrideRows }, unknownFields };
  });

const MUTATIONS: Record<string, (file: any) => void> = {
  none: () => undefined,
  dropKind: (f) => delete f.routes.timeline,
  ephemeral: (f) => (f.routes.kpi.backend = "scratch"),
  unknownBackend: (f) => (f.routes.seo.backend = "registy"),
  wrongType: (f) => (f.routes.chat_bus.backend = "registry"),
  badTenant: (f) => f.tenants.push("t/x"),
  duplicateTenant: (f) => f.tenants.push(f.tenants[0]),
  conflict: (f) => f.overrides.push({ tenant: "t_beta", kind: "chat_bus", backend: "bus" }),
  devEnv: (f) => (f.env = "dev"),
  badBucket: (f) => (f.backends.media.bucket = "Bad_Bucket"),
  redisSize: (f) => (f.backends.bus.memorySizeGb = 0),
  extraKey: (f) => (f.routes.kpi.colection = "x"),
  unknownKind: (f) => (f.routes.kpis = { backend: "registry" }),
  nullRoutes: (f) => (f.routes = null),
  projectOverride: (f) => {
    f.projects = { t_acme: ["p_x"] };
    f.overrides.push({ tenant: "t_acme", project: "p_x", kind: "seo", backend: "registry" });
  },
};

/** The compliant prod fixture with zero to two of the mistakes people make. */
export function mutatedCompliant(base: () => any) {
  return fc.array(fc.constantFrom(...Object.keys(MUTATIONS)), { maxLength: 2 }).map((names) => {
    const file = base();
    for (const name of names) {
      try {
        MUTATIONS[name](file);
      } catch {
        // a mutation that no longer applies (e.g. after routes = null) is skipped
      }
    }
    return file;
  });
}
