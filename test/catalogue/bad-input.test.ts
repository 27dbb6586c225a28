// The bad-input catalogue: each mistake, end to end, with its exact message and exit
// code, and proof that nothing is written (the program registers no resource).
import * as fs from "fs";
import * as path from "path";
import { cli, REPO } from "../cli/cli-helpers";
import { compliantProdFile, PROD_CONFIG_RAW } from "../fixtures";
import { runUnderMocks } from "../../lib/mock-engine";
import { runProgram } from "../../infra/program";

const DIR = path.join(REPO, "test", ".tmp", "catalogue");

function write(name: string, content: unknown): string {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, name);
  fs.writeFileSync(file, typeof content === "string" ? content : `module.exports = ${JSON.stringify(content, null, 2)};\n`);
  return file;
}

function mutated(change: (file: any) => void) {
  const file = compliantProdFile();
  change(file);
  return file;
}

const F = (name: string) => `test/.tmp/catalogue/${name}`;

// [case, file name, content, the problem lines the loader prints]
const CASES: [string, string, unknown, string[]][] = [
  ["unknown kind", "unknown-kind.js", mutated((f) => (f.routes.kpis = { backend: "registry" })), [
    `${F("unknown-kind.js")}: route kpis (default), field routes.kpis: unknown resource kind "kpis" (did you mean "kpi"?); allowed: analytics_events, budget, chat_bus, feature_flags, firearms, kpi, maybes, media_v2_storage, memory, nexus_backend, page_content, rate_limit, raw_storage, realtime_registry, seo, strategy_lock, timeline`,
  ]],
  ["unknown backend name", "unknown-backend.js", mutated((f) => (f.routes.seo.backend = "regsitry")), [
    `${F("unknown-backend.js")}: route seo (default), field routes.seo.backend: unknown backend "regsitry" (did you mean "registry"?); declared backends: bus, busBeta, media, raw, registry, scratch`,
  ]],
  ["misspelled column", "misspelled-column.js", mutated((f) => (f.routes.seo = { backend: "registry", colection: "x" })), [
    `${F("misspelled-column.js")}: route seo (default), field routes.seo.colection: unknown key "colection" (did you mean "collection"?); allowed: backend, collection`,
  ]],
  ["duplicate scope", "duplicate-scope.js", mutated((f) => f.overrides.push({ tenant: "t_beta", kind: "chat_bus", backend: "busBeta" })), [
    `${F("duplicate-scope.js")}: route chat_bus / t_beta, field overrides[1]: duplicate override: overrides[0] already routes this scope to "busBeta"; delete one`,
  ]],
  ["conflicting overrides", "conflicting.js", mutated((f) => f.overrides.push({ tenant: "t_beta", kind: "chat_bus", backend: "bus" })), [
    `${F("conflicting.js")}: route chat_bus / t_beta, field overrides[1]: conflicting overrides: overrides[0] routes this scope to "busBeta", this one to "bus"; keep one`,
  ]],
  ["tenant and project IDs Firestore rejects", "bad-ids.js", mutated((f) => {
    f.tenants = ["t/acme", ".", "..", "__x__", "x".repeat(65), ""];
    f.projects = { "t/acme": ["p/1"] };
    f.overrides = [];
  }), [
    `${F("bad-ids.js")}: field tenants[0]: invalid tenant ID "t/acme": it contains "/" (Firestore reads it as a path separator)`,
    `${F("bad-ids.js")}: field tenants[1]: invalid tenant ID ".": "." and ".." are not valid Firestore document IDs`,
    `${F("bad-ids.js")}: field tenants[2]: invalid tenant ID "..": "." and ".." are not valid Firestore document IDs`,
    `${F("bad-ids.js")}: field tenants[3]: invalid tenant ID "__x__": IDs matching __.*__ are reserved by Firestore`,
    `${F("bad-ids.js")}: field tenants[4]: invalid tenant ID "${"x".repeat(65)}": it is 65 characters long; at most 64 are allowed`,
    `${F("bad-ids.js")}: field tenants[5]: invalid tenant ID "": it is empty`,
    `${F("bad-ids.js")}: field projects["t/acme"][0]: invalid project ID "p/1": it contains "/" (Firestore reads it as a path separator)`,
  ]],
  ["S3 bucket name S3 would reject", "bad-bucket.js", mutated((f) => (f.backends.media.bucket = "192.168.1.1")), [
    `${F("bad-bucket.js")}: route media, field backends.media.bucket: invalid S3 bucket name "192.168.1.1": it must not look like an IP address`,
  ]],
  ["Redis memory size out of range", "redis-size.js", mutated((f) => (f.backends.bus.memorySizeGb = 512)), [
    `${F("redis-size.js")}: route bus, field backends.bus.memorySizeGb: memorySizeGb 512 is out of range: Memorystore sells 1-300 GiB`,
  ]],
  ["a backend of the wrong type for the kind", "wrong-type.js", mutated((f) => (f.routes.raw_storage.backend = "registry")), [
    `${F("wrong-type.js")}: route raw_storage (default), field routes.raw_storage.backend: backend "registry" is firestore, which raw_storage cannot use; raw_storage accepts s3, local, memory`,
  ]],
];

describe.each(CASES)("fails on %s", (_name, fileName, content, problems) => {
  const file = write(fileName, content);
  const headline = `routing-infra: ${F(fileName)} does not validate (${problems.length} problem${problems.length === 1 ? "" : "s"}):`;

  test("render: exit 1 and the exact message, no stack trace", () => {
    const { code, stdout, stderr } = cli(["render", "--stack", "prod", "--routes", file]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`${headline}\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
  });

  test("the program (pulumi up): a clean error and nothing written", async () => {
    const run = runUnderMocks({ project: "routing-infra", stack: "prod", config: { ...PROD_CONFIG_RAW, "routing-infra:routesFile": file } }, runProgram);
    await expect(run).rejects.toThrow(problems[0]);
    // The loader runs before any resource is declared: only the stack itself exists.
    const registered = (
      await runUnderMocks({ project: "routing-infra", stack: "prod", config: { ...PROD_CONFIG_RAW, "routing-infra:routesFile": file } }, () => {
        try {
          runProgram();
        } catch {
          /* expected */
        }
        return {};
      })
    ).resources.map((r) => r.type);
    expect(registered).toEqual(["pulumi:pulumi:Stack"]);
  });
});

test("fails on a stack whose route file does not exist, naming the files that do", async () => {
  const config = { ...PROD_CONFIG_RAW, "routing-infra:routesFile": "routes/prod-eu.ts" };
  await expect(runUnderMocks({ project: "routing-infra", stack: "prod-eu", config }, runProgram)).rejects.toThrow(
    "route file routes/prod-eu.ts not found.\n  - routes/prod-eu.ts: field (file): does not exist; route files that exist: routes/dev.ts, routes/prod.ts",
  );
});

test("fails on a route file that throws on import: exit 1, its own message, no stack trace", () => {
  const file = write("throws.js", 'const tenants = require("./tenants.json");\nmodule.exports = { tenants };\n');
  const { code, stderr } = cli(["render", "--stack", "prod", "--routes", file]);
  expect(code).toBe(1);
  expect(stderr).toMatch(
    /^routing-infra: route file test\/\.tmp\/catalogue\/throws\.js could not be loaded\.\n {2}- test\/\.tmp\/catalogue\/throws\.js: field \(import\): the file throws while loading: Cannot find module '\.\/tenants\.json'; fix the file so that importing it has no side effects that can fail\n$/,
  );
});

test("fails on missing and wrong stack config keys, all named, nothing written", async () => {
  const { "routing-infra:gcpProject": _p, ...rest } = PROD_CONFIG_RAW;
  const config = { ...rest, "routing-infra:awsRegion": "eu-west", "routing-infra:env": "Prod" };
  await expect(runUnderMocks({ project: "routing-infra", stack: "prod", config }, runProgram)).rejects.toThrow(
    "Pulumi.prod.yaml: stack configuration does not validate:\n" +
      '  - Pulumi.prod.yaml: field routing-infra:env: "Prod" is not an env; use dev, staging or prod\n' +
      "  - Pulumi.prod.yaml: field routing-infra:gcpProject: missing; set it with `pulumi config set routing-infra:gcpProject <value> --stack prod`\n" +
      '  - Pulumi.prod.yaml: field routing-infra:awsRegion: "eu-west" is not an AWS region (e.g. "eu-west-1")',
  );
});
