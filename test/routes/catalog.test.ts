import { BACKEND_TYPES, isDurableBackendType, KIND_CATALOG, RESOURCE_KINDS } from "../../routes/catalog";

// The contract's table (shared/contract/ROUTING_CONTRACT.md), copied as data.
const CONTRACT_PROD_BACKENDS: Record<string, string> = {
  feature_flags: "firestore", strategy_lock: "firestore", kpi: "firestore", budget: "firestore",
  maybes: "firestore", memory: "firestore", analytics_events: "firestore", rate_limit: "firestore",
  firearms: "firestore", page_content: "firestore", seo: "firestore", realtime_registry: "firestore",
  chat_bus: "redis", nexus_backend: "firestore", media_v2_storage: "s3", raw_storage: "s3", timeline: "firestore",
};

describe("kind catalog", () => {
  test("lists exactly the contract's 17 kinds", () => {
    expect([...RESOURCE_KINDS].sort()).toEqual(Object.keys(CONTRACT_PROD_BACKENDS).sort());
    expect(Object.keys(KIND_CATALOG).sort()).toEqual([...RESOURCE_KINDS].sort());
  });

  test.each(Object.entries(CONTRACT_PROD_BACKENDS))("%s is served by %s in prod, which it also allows", (kind, backend) => {
    const spec = KIND_CATALOG[kind as keyof typeof KIND_CATALOG];
    expect(spec.prodBackend).toBe(backend);
    expect(spec.allowedBackends).toContain(backend);
  });

  test("nexus_backend allows no noop; storage kinds allow no Firestore", () => {
    expect(KIND_CATALOG.nexus_backend.allowedBackends).not.toContain("noop");
    expect(KIND_CATALOG.raw_storage.allowedBackends).not.toContain("firestore");
    expect(KIND_CATALOG.media_v2_storage.allowedBackends).not.toContain("firestore");
  });

  test("chat_bus, realtime_registry and the storage kinds are stateful", () => {
    for (const kind of ["chat_bus", "realtime_registry", "media_v2_storage", "raw_storage"] as const) {
      expect(KIND_CATALOG[kind].stateful).toBe(true);
    }
  });

  test("durability is an exact allowlist: case variants and unknown names are not durable", () => {
    expect(BACKEND_TYPES.filter(isDurableBackendType)).toEqual(["firestore", "redis", "s3"]);
    for (const value of ["Memory", "FIRESTORE", "sqlite", "", " redis", "memory", "noop", "local", null, 3]) {
      expect(isDurableBackendType(value)).toBe(false);
    }
  });

  test("the kind named memory is not the memory backend", () => {
    expect(KIND_CATALOG.memory.prodBackend).toBe("firestore");
    expect(isDurableBackendType("memory")).toBe(false);
  });
});
