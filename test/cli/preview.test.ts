import * as fs from "fs";
import * as path from "path";
import { cli, REPO } from "./cli-helpers";

function candidate(name: string, edit: (text: string) => string): string {
  const dir = path.join(REPO, "test", ".tmp");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  // Imports resolve from the repo's routes/ folder, as a candidate route file in a PR would.
  fs.writeFileSync(file, edit(fs.readFileSync(path.join(REPO, "routes/prod.ts"), "utf8")).replace(/from "\.\/define"/, 'from "../../routes/define"'));
  return file;
}

describe("routing-infra preview", () => {
  test("prod: prints the routing table, no violations, exit 0", () => {
    const { code, stdout, stderr } = cli(["preview", "--stack", "prod"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("Previewing stack prod (env prod) from routes/prod.ts: 104 resources, no cloud access.");
    expect(stdout).toContain("chat_bus           chatBus (redis)");
    expect(stdout).toContain("Policy pack routing-infra@v0.1.0: 6 policies evaluated.\nNo policy violations.\nPASSED.");
  });

  test("--json: a summary CI can check (policies evaluated, violations, counts)", () => {
    const { code, stdout } = cli(["preview", "--stack", "prod", "--json"]);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ stack: "prod", env: "prod", passed: true, counts: { mandatory: 0, advisory: 0, total: 0 }, resourcesAnalyzed: 104 });
    expect(summary.policiesEvaluated).toHaveLength(6);
    expect(summary.routes).toHaveLength(68);
  });

  test("--first-preview reaches the same verdict as a normal preview", () => {
    const first = JSON.parse(cli(["preview", "--stack", "prod", "--json", "--first-preview"]).stdout);
    expect(first.firstPreview).toBe(true);
    expect(first.passed).toBe(true);
    expect(first.violations).toEqual([]);
  });

  test("a candidate prod file with a kind on memory and a required kind missing: exit 1, both named", () => {
    const file = candidate("prod-ephemeral.ts", (text) =>
      text
        .replace("backends: {", 'backends: {\n    scratch: { type: "memory" } as never,')
        .replace('rate_limit:        { backend: "registry" },', 'rate_limit:        { backend: "scratch" as never },')
        .replace(/    seo: .*\n/, ""),
    );
    const { code, stdout } = cli(["preview", "--stack", "prod", "--routes", file, "--json"]);
    expect(code).toBe(1);
    const summary = JSON.parse(stdout);
    expect(summary.passed).toBe(false);
    const messages = summary.violations.map((v: any) => `${v.level} ${v.policy}: ${v.message}`);
    expect(messages).toContain(
      'mandatory routing-prod-durable-backends: prod route rate_limit / t_beta (document prod:t_beta:rate_limit) uses backend "memory"; prod allows only firestore, redis, s3. Change it in test/.tmp/prod-ephemeral.ts.',
    );
    expect(messages).toContain(
      "mandatory routing-required-kinds-routed: prod tenant t_corvid has no route for required kind seo (expected document prod:t_corvid:seo); the runtime refuses to start without it. Add the route in test/.tmp/prod-ephemeral.ts.",
    );
    expect(summary.counts.mandatory).toBe(4 + 4);
  });

  test("a route file that does not load: exit 2 with the loader's message", () => {
    const file = candidate("prod-typo.ts", (text) => text.replace('kpi:               { backend: "registry" },', 'kpi:               { backend: "registy" as never },'));
    const { code, stderr, stdout } = cli(["preview", "--stack", "prod", "--routes", file]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      'routing-infra: test/.tmp/prod-typo.ts does not validate (1 problem):\n  - test/.tmp/prod-typo.ts: route kpi (default), field routes.kpi.backend: unknown backend "registy" (did you mean "registry"?); declared backends: betaMedia, chatBus, chatBusBeta, launchRaw, media, raw, registry\n',
    );
  });

  test("--base refuses an unacknowledged switch of a stateful kind, and accepts it acknowledged", () => {
    const switched = (ack: boolean) =>
      candidate(`prod-switch-${ack}.ts`, (text) =>
        text.replace(
          "  overrides: [\n",
          `${ack ? '  acknowledgedSwitches: [{ kind: "chat_bus", tenant: "t_corvid", from: "chatBus", to: "chatBusBeta", reason: "drained and replayed in the 2026-12 window" }],\n' : ""}  overrides: [\n    { tenant: "t_corvid", kind: "chat_bus", backend: "chatBusBeta" },\n`,
        ),
      );
    const refused = cli(["preview", "--stack", "prod", "--routes", switched(false), "--base", "HEAD", "--json"]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).violations).toEqual([
      {
        policy: "routing-stateful-switch-acknowledged",
        level: "mandatory",
        severity: "critical",
        resource: null,
        message:
          'route chat_bus / t_corvid (document prod:t_corvid:chat_bus): chat_bus is stateful: moving it from "chatBus" to "chatBusBeta" moves its data; declare the switch in acknowledgedSwitches of test/.tmp/prod-switch-false.ts ({ kind: "chat_bus", tenant: "t_corvid", from: "chatBus", to: "chatBusBeta", reason: "..." }) once the migration is planned',
      },
    ]);
    const accepted = cli(["preview", "--stack", "prod", "--routes", switched(true), "--base", "HEAD", "--json"]);
    expect(accepted.code).toBe(0);
  });

  test("the dev stack passes with its ephemeral backends", () => {
    expect(cli(["preview", "--stack", "dev"]).code).toBe(0);
  });
});
