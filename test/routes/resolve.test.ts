import { resolveRouteFile, validateRouteFile } from "../../routes/resolve";
import { formatProblem, InputError } from "../../lib/problems";
import { compliantProdFile } from "../fixtures";

const FILE = "routes/prod.ts";

function problemsOf(mutate: (file: any) => void): string[] {
  const file = compliantProdFile();
  mutate(file);
  return validateRouteFile(file, FILE).problems.map(formatProblem);
}

describe("validateRouteFile: a compliant file", () => {
  test("resolves to one route per kind per tenant, sorted by tenant then kind", () => {
    const table = resolveRouteFile(compliantProdFile(), FILE);
    expect(table.routes).toHaveLength(2 * 17);
    expect(table.routes[0].documentId).toBe("prod:t_acme:analytics_events");
    expect(table.routes[17].documentId).toBe("prod:t_beta:analytics_events");
  });

  test("a tenant override beats the default", () => {
    const table = resolveRouteFile(compliantProdFile(), FILE);
    const beta = table.routes.find((r) => r.tenant === "t_beta" && r.kind === "chat_bus")!;
    const acme = table.routes.find((r) => r.tenant === "t_acme" && r.kind === "chat_bus")!;
    expect([beta.backendName, beta.source]).toEqual(["busBeta", "tenant override"]);
    expect([acme.backendName, acme.source]).toEqual(["bus", "default"]);
  });

  test("tenant+project beats tenant beats default, and a declared project gets every kind", () => {
    const file = compliantProdFile();
    file.projects = { t_beta: ["p_launch"] };
    file.overrides.push({ tenant: "t_beta", project: "p_launch", kind: "chat_bus", backend: "bus" });
    const table = resolveRouteFile(file, FILE);
    const projectRoutes = table.routes.filter((r) => r.project === "p_launch");
    expect(projectRoutes).toHaveLength(17);
    const bus = projectRoutes.find((r) => r.kind === "chat_bus")!;
    expect([bus.backendName, bus.source, bus.documentId]).toEqual(["bus", "project override", "prod:t_beta:chat_bus:p_launch"]);
    // Without a project override, the project inherits the tenant override.
    file.overrides.pop();
    const inherited = resolveRouteFile(file, FILE).routes.find((r) => r.project === "p_launch" && r.kind === "chat_bus")!;
    expect([inherited.backendName, inherited.source]).toEqual(["busBeta", "tenant override"]);
  });

  test("Firestore routes carry the kind's data collection, defaulting to the kind's name", () => {
    const file = compliantProdFile();
    file.routes.memory = { backend: "registry", collection: "sessions" };
    const routes = resolveRouteFile(file, FILE).routes;
    expect(routes.find((r) => r.kind === "memory")!.collection).toBe("sessions");
    expect(routes.find((r) => r.kind === "kpi")!.collection).toBe("kpi");
    expect(routes.find((r) => r.kind === "chat_bus")!.collection).toBeNull();
  });

  test("reordering tenants, backends, routes and overrides changes no route", () => {
    const file = compliantProdFile();
    const reordered = compliantProdFile();
    reordered.tenants.reverse();
    reordered.backends = Object.fromEntries(Object.entries(reordered.backends).reverse());
    reordered.routes = Object.fromEntries(Object.entries(reordered.routes).reverse());
    reordered.overrides.unshift({ tenant: "t_acme", kind: "kpi", backend: "registry" });
    file.overrides.push({ tenant: "t_acme", kind: "kpi", backend: "registry" });
    const strip = (t: any) => t.routes.map((r: any) => [r.documentId, r.backendName]);
    expect(strip(resolveRouteFile(reordered, FILE))).toEqual(strip(resolveRouteFile(file, FILE)));
  });

  test("dev may route to ephemeral backends", () => {
    const file = compliantProdFile();
    file.env = "dev";
    file.routes.kpi.backend = "scratch";
    expect(validateRouteFile(file, "routes/dev.ts").problems).toEqual([]);
  });

  test("protectedEnvs extends production rules to other envs", () => {
    const file = compliantProdFile();
    file.env = "staging";
    file.routes.kpi.backend = "scratch";
    expect(validateRouteFile(file, "routes/staging.ts").problems).toEqual([]);
    expect(validateRouteFile(file, "routes/staging.ts", { protectedEnvs: ["prod", "staging"] }).problems.map(formatProblem)).toEqual([
      'routes/staging.ts: route kpi (default), field routes.kpi.backend: backend "scratch" is memory, which is ephemeral; staging routes only to durable backends (firestore, redis, s3)',
    ]);
  });
});

// Each case changes one thing in the compliant file and asserts the full message(s).
const FAILING_CASES: [string, (file: any) => void, string[]][] = [
  ["an unknown kind", (f) => (f.routes.feature_flag = { backend: "registry" }), [
    'routes/prod.ts: route feature_flag (default), field routes.feature_flag: unknown resource kind "feature_flag" (did you mean "feature_flags"?); allowed: analytics_events, budget, chat_bus, feature_flags, firearms, kpi, maybes, media_v2_storage, memory, nexus_backend, page_content, rate_limit, raw_storage, realtime_registry, seo, strategy_lock, timeline',
  ]],
  ["an unknown kind in an override", (f) => f.overrides.push({ tenant: "t_acme", kind: "kpis", backend: "registry" }), [
    'routes/prod.ts: route kpis / t_acme, field overrides[1].kind: unknown resource kind "kpis" (did you mean "kpi"?); the 17 kinds are listed in routes/catalog.ts',
  ]],
  ["an unknown backend name", (f) => (f.routes.kpi.backend = "registy"), [
    'routes/prod.ts: route kpi (default), field routes.kpi.backend: unknown backend "registy" (did you mean "registry"?); declared backends: bus, busBeta, media, raw, registry, scratch',
  ]],
  ["a misspelled column", (f) => { f.routes.kpi = { backnd: "registry" }; }, [
    "routes/prod.ts: route kpi (default), field routes.kpi.backend: missing; expected string",
    'routes/prod.ts: route kpi (default), field routes.kpi.backnd: unknown key "backnd" (did you mean "backend"?); allowed: backend, collection',
  ]],
  ["a misspelled top-level key", (f) => { f.tenant = f.tenants; }, [
    'routes/prod.ts: field tenant: unknown key "tenant" (did you mean "tenants"?); a route file has env, tenants, projects, backends, routes, overrides, acknowledgedSwitches',
  ]],
  ["a misspelled backend setting", (f) => { f.backends.bus.memorySizeGB = 5; }, [
    'routes/prod.ts: route bus, field backends.bus.memorySizeGB: unknown key "memorySizeGB" (did you mean "memorySizeGb"?); allowed: type, tier, memorySizeGb, redisVersion, region',
  ]],
  ["an ephemeral backend in prod", (f) => (f.routes.kpi.backend = "scratch"), [
    'routes/prod.ts: route kpi (default), field routes.kpi.backend: backend "scratch" is memory, which is ephemeral; prod routes only to durable backends (firestore, redis, s3)',
  ]],
  ["an ephemeral project-scoped override in prod", (f) => {
    f.projects = { t_acme: ["p_x"] };
    f.overrides.push({ tenant: "t_acme", project: "p_x", kind: "seo", backend: "scratch" });
  }, [
    'routes/prod.ts: route seo / t_acme / p_x, field overrides[1].backend: backend "scratch" is memory, which is ephemeral; prod routes only to durable backends (firestore, redis, s3)',
  ]],
  ["a backend of the wrong type for the kind", (f) => (f.routes.chat_bus.backend = "registry"), [
    'routes/prod.ts: route chat_bus (default), field routes.chat_bus.backend: backend "registry" is firestore, which chat_bus cannot use; chat_bus accepts redis, memory',
  ]],
  ["a duplicate override", (f) => f.overrides.push({ tenant: "t_beta", kind: "chat_bus", backend: "busBeta" }), [
    'routes/prod.ts: route chat_bus / t_beta, field overrides[1]: duplicate override: overrides[0] already routes this scope to "busBeta"; delete one',
  ]],
  ["conflicting overrides", (f) => f.overrides.push({ tenant: "t_beta", kind: "chat_bus", backend: "bus" }), [
    'routes/prod.ts: route chat_bus / t_beta, field overrides[1]: conflicting overrides: overrides[0] routes this scope to "busBeta", this one to "bus"; keep one',
  ]],
  ["a duplicate tenant", (f) => f.tenants.push("t_acme"), ['routes/prod.ts: field tenants: tenant "t_acme" is listed more than once']],
  ["an override for an undeclared tenant", (f) => f.overrides.push({ tenant: "t_bta", kind: "kpi", backend: "registry" }), [
    'routes/prod.ts: route kpi / t_bta, field overrides[1].tenant: tenant "t_bta" is not declared (did you mean "t_beta"?); declared tenants: t_acme, t_beta',
  ]],
  ["an override for an undeclared project", (f) => f.overrides.push({ tenant: "t_acme", project: "p_x", kind: "kpi", backend: "registry" }), [
    'routes/prod.ts: route kpi / t_acme / p_x, field overrides[1].project: project "p_x" is not declared for tenant "t_acme"; declare it under projects.t_acme (declared: none)',
  ]],
  ["a required kind with no route", (f) => delete f.routes.timeline, [
    "routes/prod.ts: route timeline, field routes.timeline: required kind timeline has no route for t_acme, t_beta; add routes.timeline (a default for every tenant) or an override per tenant (the prod runtime refuses to start without it)",
  ]],
  ["a required kind routed for some tenants only", (f) => {
    delete f.routes.timeline;
    f.overrides.push({ tenant: "t_acme", kind: "timeline", backend: "registry" });
  }, [
    "routes/prod.ts: route timeline, field routes.timeline: required kind timeline has no route for t_beta; add routes.timeline (a default for every tenant) or an override per tenant (the prod runtime refuses to start without it)",
  ]],
  ["an S3 bucket name S3 would reject", (f) => (f.backends.media.bucket = "Acme_Media"), [
    `routes/prod.ts: route media, field backends.media.bucket: invalid S3 bucket name "Acme_Media": only lowercase letters, digits, '.' and '-' are allowed`,
    'routes/prod.ts: route media, field backends.media.bucket: invalid S3 bucket name "Acme_Media": it must begin and end with a letter or digit',
  ]],
  ["an S3 bucket without a name", (f) => delete f.backends.media.bucket, [
    "routes/prod.ts: route media, field backends.media.bucket: missing; expected string",
  ]],
  ["a bucket declared twice", (f) => (f.backends.media2 = { type: "s3", bucket: "acme-prod-media" }), [
    'routes/prod.ts: route media2, field backends.media2: S3 bucket "acme-prod-media" is already declared by backend "media"; declare it once and route both kinds to that name',
  ]],
  ["Redis memory out of range", (f) => { f.backends.bus.memorySizeGb = 0; f.backends.busBeta.memorySizeGb = 301; }, [
    "routes/prod.ts: route bus, field backends.bus.memorySizeGb: memorySizeGb 0 is out of range: Memorystore sells 1-300 GiB",
    "routes/prod.ts: route busBeta, field backends.busBeta.memorySizeGb: memorySizeGb 301 is out of range: Memorystore sells 1-300 GiB",
  ]],
  ["Redis memory as a string", (f) => (f.backends.bus.memorySizeGb = "5"), [
    'routes/prod.ts: route bus, field backends.bus.memorySizeGb: expected number, found "5"',
  ]],
  ["an unknown backend type", (f) => (f.backends.db = { type: "sqlite" }), [
    'routes/prod.ts: route db, field backends.db.type: unknown backend type "sqlite": use one of firestore, redis, s3, memory, noop, local',
  ]],
  ["an unknown env", (f) => (f.env = "production"), ['routes/prod.ts: field env: unknown env "production": use dev, staging or prod']],
  ["a missing section", (f) => delete f.backends, ["routes/prod.ts: field backends: missing; every route file declares backends"]],
];

describe("validateRouteFile: fails with every problem named", () => {
  test.each(FAILING_CASES)("fails on %s", (_name, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  test.each([
    ["t/x", 'invalid tenant ID "t/x": it contains "/" (Firestore reads it as a path separator)'],
    [".", 'invalid tenant ID ".": "." and ".." are not valid Firestore document IDs'],
    ["..", 'invalid tenant ID "..": "." and ".." are not valid Firestore document IDs'],
    ["__x__", 'invalid tenant ID "__x__": IDs matching __.*__ are reserved by Firestore'],
    ["", 'invalid tenant ID "": it is empty'],
    ["a".repeat(65), `invalid tenant ID "${"a".repeat(65)}": it is 65 characters long; at most 64 are allowed`],
    ["t:y", 'invalid tenant ID "t:y": it contains ":" (the separator of route document IDs)'],
    ["t acme", `invalid tenant ID "t acme": only letters, digits, '.', '_' and '-' are allowed`],
  ])("fails on tenant ID %j", (tenant, message) => {
    expect(problemsOf((f) => (f.tenants = [tenant]))).toEqual([`routes/prod.ts: field tenants[0]: ${message}`]);
  });

  test.each([["p/1"], [".."], ["__p__"], [""]])("fails on project ID %j", (project) => {
    const problems = problemsOf((f) => (f.projects = { t_acme: [project] }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^routes/prod\\.ts: field projects\\.t_acme\\[0\\]: invalid project ID `));
  });

  test("accepts the edges of the allowed characters and length", () => {
    const edge = "A".repeat(30) + "z9._-" + "b".repeat(29);
    expect(edge).toHaveLength(64);
    expect(problemsOf((f) => { f.tenants = [edge, "0", "t.a-b_c"]; f.overrides = []; })).toEqual([]);
  });

  test("reports problems of several sections together", () => {
    const problems = problemsOf((f) => {
      f.env = "production";
      f.routes.kpi.backend = "nope";
      f.backends.media.bucket = "ab";
    });
    expect(problems).toEqual([
      'routes/prod.ts: field env: unknown env "production": use dev, staging or prod',
      "routes/prod.ts: route media, field backends.media.bucket: invalid S3 bucket name \"ab\": it is 2 characters long; S3 allows 3-63",
      'routes/prod.ts: route kpi (default), field routes.kpi.backend: unknown backend "nope"; declared backends: bus, busBeta, raw, registry, scratch',
    ]);
  });

  test("fails on a default export that is not a route table", () => {
    expect(validateRouteFile(42, FILE).problems.map(formatProblem)).toEqual([
      "routes/prod.ts: field (default export): expected the object returned by defineRoutes({...}), found number 42",
    ]);
  });

  test("resolveRouteFile throws one InputError listing every problem", () => {
    const file = compliantProdFile();
    file.routes.kpi.backend = "scratch";
    file.routes.seo.backend = "scratch";
    expect(() => resolveRouteFile(file, FILE)).toThrow(InputError);
    expect(() => resolveRouteFile(file, FILE)).toThrow(
      "routes/prod.ts does not validate (2 problems):\n" +
        '  - routes/prod.ts: route kpi (default), field routes.kpi.backend: backend "scratch" is memory, which is ephemeral; prod routes only to durable backends (firestore, redis, s3)\n' +
        '  - routes/prod.ts: route seo (default), field routes.seo.backend: backend "scratch" is memory, which is ephemeral; prod routes only to durable backends (firestore, redis, s3)',
    );
  });
});
