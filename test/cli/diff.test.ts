// `routing-infra diff` against temporary git repositories holding route files.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli, REPO } from "./cli-helpers";

let repo: string;

function git(...args: string[]) {
  return execFileSync("git", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function edit(file: string, change: (text: string) => string) {
  const full = path.join(repo, file);
  fs.writeFileSync(full, change(fs.readFileSync(full, "utf8")));
}

function commit(message: string) {
  git("add", "-A");
  git("commit", "-qm", message);
  return git("rev-parse", "HEAD").trim();
}

let base: string;

beforeEach(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "routing-diff-"));
  git("init", "-q", "-b", "main");
  git("config", "user.email", "test@example.com");
  git("config", "user.name", "test");
  fs.mkdirSync(path.join(repo, "routes"));
  for (const file of ["routes/define.ts", "routes/prod.ts", "routes/dev.ts", "Pulumi.prod.yaml", "Pulumi.dev.yaml"]) {
    fs.copyFileSync(path.join(REPO, file), path.join(repo, file));
  }
  fs.writeFileSync(path.join(repo, ".gitignore"), ".routing-infra-cache/\n");
  base = commit("base");
});
afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

const diff = (...args: string[]) => cli(["diff", "--base", base, ...args], { cwd: repo });
const addOverride = (line: string) => edit("routes/prod.ts", (t) => t.replace("  overrides: [\n", `  overrides: [\n    ${line}\n`));

test("no route change: exit 0", () => {
  edit("routes/prod.ts", (t) => `// a comment-only change\n${t}`);
  const { code, stdout } = diff("--format", "table");
  expect(code).toBe(0);
  expect(stdout).toBe(`Route changes from ${base} to working tree:\n\nstack dev (routes/dev.ts): no route changes\n\nstack prod (routes/prod.ts): no route changes\n`);
});

test("an unacknowledged switch of a stateful kind in prod is refused: exit 1, marked in the markdown", () => {
  addOverride('{ tenant: "t_corvid", kind: "chat_bus", backend: "chatBusBeta" },');
  const { code, stdout } = diff("--format", "markdown", "--stack", "prod");
  expect(code).toBe(1);
  expect(stdout).toBe(
    [
      `### Routing changes: \`${base}\` → this branch`,
      "",
      "#### prod (`routes/prod.ts`): 1 stateful-switch",
      "",
      "> ⚠️ 1 change(s) move or drop data; **1 refused** (see notes).",
      "",
      "| scope | change | before | after | note |",
      "|---|---|---|---|---|",
      '| ⚠️ chat_bus / t_corvid | stateful-switch | chatBus (redis: northstar-prod/europe-west1/routing-prod-chat-bus) | chatBusBeta (redis: northstar-prod/europe-west1/routing-prod-chat-bus-beta) | moves data (stateful kind); REFUSED: chat_bus is stateful: moving it from "chatBus" to "chatBusBeta" moves its data; declare the switch in acknowledgedSwitches of routes/prod.ts ({ kind: "chat_bus", tenant: "t_corvid", from: "chatBus", to: "chatBusBeta", reason: "..." }) once the migration is planned |',
      "",
    ].join("\n"),
  );
});

test("the same switch, acknowledged in the route file: exit 0, reason shown", () => {
  addOverride('{ tenant: "t_corvid", kind: "chat_bus", backend: "chatBusBeta" },');
  edit("routes/prod.ts", (t) =>
    t.replace("  overrides: [", '  acknowledgedSwitches: [\n    { kind: "chat_bus", tenant: "t_corvid", from: "chatBus", to: "chatBusBeta", reason: "drain t_corvid during the 2026-12 window; bus is replayed from Firestore" },\n  ],\n  overrides: ['),
  );
  const { code, stdout } = diff("--format", "json", "--stack", "prod");
  expect(code).toBe(0);
  const report = JSON.parse(stdout);
  expect(report.refused).toBe(false);
  expect(report.stacks[0].changes).toEqual([
    {
      class: "stateful-switch",
      documentId: "prod:t_corvid:chat_bus",
      scope: "chat_bus / t_corvid",
      kind: "chat_bus",
      before: { backendName: "chatBus", backendType: "redis", target: "redis:northstar-prod/europe-west1/routing-prod-chat-bus" },
      after: { backendName: "chatBusBeta", backendType: "redis", target: "redis:northstar-prod/europe-west1/routing-prod-chat-bus-beta" },
      acknowledged: "drain t_corvid during the 2026-12 window; bus is replayed from Firestore",
    },
  ]);
});

test("removing the old backend in the same change is refused even when acknowledged", () => {
  edit("routes/prod.ts", (t) =>
    t
      .replace('    media_v2_storage:  { backend: "media" },', '    media_v2_storage:  { backend: "betaMedia" },')
      .replace('    media: { type: "s3", bucket: "northstar-prod-media" },\n', "")
      .replace("  overrides: [", '  acknowledgedSwitches: [\n    { kind: "media_v2_storage", from: "media", to: "betaMedia", reason: "objects copied with S3 batch replication" },\n  ],\n  overrides: ['),
  );
  const { code, stdout } = diff("--format", "json", "--stack", "prod");
  expect(code).toBe(1);
  const refusals = JSON.parse(stdout).stacks[0].refusals;
  expect(refusals.map((r: any) => r.documentId)).toEqual(["prod:t_acme:media_v2_storage", "prod:t_acme:media_v2_storage:p_launch", "prod:t_corvid:media_v2_storage"]);
  expect(refusals[0].reason).toBe(
    'backend "media" (s3:northstar-prod-media) is removed in the same change that moves media_v2_storage off it; keep it until the data is migrated and remove it in a later change',
  );
});

test("a new tenant is 17 added routes; a stateless switch is allowed", () => {
  edit("routes/prod.ts", (t) => t.replace('tenants: ["t_acme", "t_beta", "t_corvid"]', 'tenants: ["t_acme", "t_beta", "t_corvid", "t_delta"]'));
  addOverride('{ tenant: "t_acme", kind: "rate_limit", backend: "chatBus" },');
  const { code, stdout } = diff("--format", "table", "--stack", "prod");
  expect(code).toBe(0);
  // The tenant-wide override also applies to the tenant's project.
  expect(stdout).toContain("stack prod (routes/prod.ts): 2 switched, 17 added");
  expect(stdout).toContain("  switched        rate_limit / t_acme / p_launch ");
  expect(stdout).toContain(
    "  switched        rate_limit / t_acme                registry (firestore: northstar-prod/routing-data) -> chatBus (redis: northstar-prod/europe-west1/routing-prod-chat-bus)",
  );
  expect(stdout).toContain("  added           analytics_events / t_delta         - -> registry (firestore: northstar-prod/routing-data)");
});

test("compares two commits with --head, from the concrete routes, not the text", () => {
  // Moving a kind from an override to the default with the same result is no route change.
  edit("routes/prod.ts", (t) => t.replace('{ tenant: "t_beta", kind: "chat_bus", backend: "chatBusBeta", reason: "beta\'s chat traffic is isolated on its own instance" },\n', ""));
  addOverride('{ tenant: "t_beta", kind: "chat_bus", backend: "chatBusBeta" },');
  const head = commit("reorder");
  const { code, stdout } = cli(["diff", "--base", base, "--head", head, "--stack", "prod"], { cwd: repo });
  expect(code).toBe(0);
  expect(stdout).toContain("stack prod (routes/prod.ts): no route changes");
});

test("a route file that does not load at a revision is reported with the loader's message: exit 2", () => {
  edit("routes/prod.ts", (t) => t.replace('kpi:               { backend: "registry" },', 'kpi:               { backend: "registy" as never },'));
  const { code, stdout } = diff("--stack", "prod");
  expect(code).toBe(2);
  expect(stdout).toContain("stack prod (routes/prod.ts): could not be compared");
  expect(stdout).toContain('routes/prod.ts: route kpi (default), field routes.kpi.backend: unknown backend "registy" (did you mean "registry"?)');
});

test("an unknown revision: exit 2 and what to do", () => {
  const { code, stderr } = cli(["diff", "--base", "no-such-branch"], { cwd: repo });
  expect(code).toBe(2);
  expect(stderr).toBe('routing-infra diff: unknown git revision "no-such-branch": give a branch, tag or commit this repository has (git fetch it first)\n');
});
