// No secret ever lands in a route document, a registered output, or any CLI output.
import { recordStack } from "../policy/pack-fixture";
import { computedOutputs, RecordedResource, SECRET_SIG, SIG_KEY } from "../../lib/mock-engine";
import { cli } from "../cli/cli-helpers";
import { PolicyPackHarness } from "../../lib/policy-harness";
import { readStackConfig } from "../../lib/stack-files";

let prod: RecordedResource[];
let authStrings: string[];

beforeAll(async () => {
  prod = await recordStack("prod");
  authStrings = prod.filter((r) => r.type === "gcp:redis/instance:Instance").map((r) => r.outputs.authString as string);
});

test("the Redis AUTH strings exist, and only inside a secret SecretVersion input", () => {
  expect(authStrings).toHaveLength(2);
  for (const auth of authStrings) {
    expect(auth).toMatch(/^mock-auth-/);
    const holders = prod.filter((r) => JSON.stringify(r.inputs).includes(auth));
    expect(holders.map((r) => r.type)).toEqual(["gcp:secretmanager/secretVersion:SecretVersion"]);
    expect(holders[0].inputs.secretData).toEqual({ [SIG_KEY]: SECRET_SIG, value: auth });
  }
});

test("the engine is told to keep the instance's authString secret", () => {
  for (const instance of prod.filter((r) => r.type === "gcp:redis/instance:Instance")) {
    expect(instance.additionalSecretOutputs).toContain("authString");
  }
});

test("no route document, routing table or stack output contains a secret value", () => {
  for (const r of prod.filter((x) => x.type !== "gcp:redis/instance:Instance" && x.type !== "gcp:secretmanager/secretVersion:SecretVersion")) {
    for (const auth of authStrings) {
      expect(JSON.stringify(r.outputs)).not.toContain(auth);
      expect(JSON.stringify(r.inputs)).not.toContain(auth);
    }
  }
});

test("no CLI output (table, JSON, markdown, errors) contains a secret value", () => {
  // The values the mocked provider returns for the instances, whatever process computes them.
  const secrets = prod
    .filter((r) => r.type === "gcp:redis/instance:Instance")
    .map((r) => computedOutputs(r.type, r.name, r.inputs).outputs.authString as string);
  expect(secrets).toEqual(authStrings);
  const runs = [
    cli(["preview", "--stack", "prod"]),
    cli(["preview", "--stack", "prod", "--json"]),
    cli(["preview", "--stack", "prod", "--first-preview", "--json"]),
    cli(["render", "--stack", "prod"]),
    cli(["render", "--stack", "prod", "--format", "table"]),
    cli(["diff", "--base", "HEAD", "--format", "markdown"]),
    cli(["render", "--stack", "prod", "--routes", "routes/dev.ts"]),
  ];
  for (const run of runs) {
    for (const secret of [...secrets, "mock-auth-"]) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  }
});

test("the policy pack logs no secret value to the engine", async () => {
  const harness = await PolicyPackHarness.start({ stack: "prod", project: "routing-infra", config: readStackConfig("prod"), dryRun: true });
  try {
    await harness.configure({});
    for (const r of prod) await harness.analyze(r);
    await harness.analyzeStack(prod);
    expect(harness.logs.length).toBeGreaterThan(0);
    for (const auth of authStrings) expect(JSON.stringify(harness.logs) + harness.packStderr).not.toContain(auth);
  } finally {
    await harness.stop();
  }
});
