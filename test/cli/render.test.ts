import { cli, writeRouteFile } from "./cli-helpers";
import { compliantProdFile } from "../fixtures";

describe("routing-infra render", () => {
  test("prints every prod document as JSON: collection, documentId, fields", () => {
    const { code, stdout, stderr } = cli(["render", "--stack", "prod", "--format", "json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const docs = JSON.parse(stdout);
    expect(docs).toHaveLength(68);
    expect(Object.keys(docs[0])).toEqual(["collection", "documentId", "fields"]);
    expect(docs.map((d: any) => d.documentId)).toContain("prod:t_acme:raw_storage:p_launch");
  });

  test("prints the routing table: kind x tenant -> backend", () => {
    const { code, stdout } = cli(["render", "--stack", "prod", "--format", "table"]);
    expect(code).toBe(0);
    expect(stdout).toContain("chat_bus           chatBus (redis)       chatBus (redis)       chatBusBeta (redis) *  chatBus (redis)");
  });

  test("fails on an unknown stack, naming the stacks and route files that exist", () => {
    const { code, stderr, stdout } = cli(["render", "--stack", "prd"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      'routing-infra: unknown stack "prd":\n  - Pulumi.prd.yaml: field (file): does not exist; stacks: dev, prod; route files: routes/dev.ts, routes/prod.ts\n',
    );
  });

  test("fails with the loader's messages on a bad route file, and exit code 1", () => {
    const bad = compliantProdFile();
    bad.routes.kpi.backend = "scratch";
    bad.routes.seo = { backend: "registy" };
    const file = writeRouteFile(bad);
    const { code, stderr } = cli(["render", "--stack", "prod", "--routes", file]);
    expect(code).toBe(1);
    expect(stderr).toContain(`does not validate (2 problems):`);
    expect(stderr).toContain('route kpi (default), field routes.kpi.backend: backend "scratch" is memory, which is ephemeral; prod routes only to durable backends (firestore, redis, s3)');
    expect(stderr).toContain('route seo (default), field routes.seo.backend: unknown backend "registy" (did you mean "registry"?)');
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test("fails on a route file that throws on import, without a stack trace", () => {
    const file = writeRouteFile('throw new Error("boom: TENANTS env var not set");\n');
    const { code, stderr } = cli(["render", "--stack", "prod", "--routes", file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/could not be loaded\.\n  - .*routes\.js: field \(import\): the file throws while loading: boom: TENANTS env var not set;/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test("fails on a route file written for another env", () => {
    const { code, stderr } = cli(["render", "--stack", "prod", "--routes", "routes/dev.ts"]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'routing-infra: routes/dev.ts does not match stack prod:\n  - routes/dev.ts: field env: the file declares env "dev" but Pulumi.prod.yaml sets routing-infra:env to "prod"; route the stack to the file written for its env\n',
    );
  });

  test("--help prints the command's usage, exit 0", () => {
    const { code, stdout } = cli(["render", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toBe("print a stack's route documents (no cloud access)\nusage: routing-infra render --stack <name> [--routes <file>] [--format json|table]\n");
  });

  test("fails with usage and exit code 2 on bad arguments", () => {
    expect(cli(["render"]).code).toBe(2);
    const { code, stderr } = cli(["render", "--stack", "prod", "--format", "yaml"]);
    expect(code).toBe(2);
    expect(stderr).toBe('routing-infra render: --format must be json or table, not "yaml"\nusage: routing-infra render --stack <name> [--routes <file>] [--format json|table]\n');
  });
});
