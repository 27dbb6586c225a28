// Which stacks are prod: the stack's routing-infra:env, with the protected envs configurable.
import { PolicyPackHarness } from "../../lib/policy-harness";
import { readStackConfig } from "../../lib/stack-files";
import { gate, recordStack } from "./pack-fixture";

describe("the dev stack", () => {
  let harness: PolicyPackHarness;
  const config = readStackConfig("dev");
  beforeAll(async () => {
    harness = await PolicyPackHarness.start({ stack: "dev", project: "routing-infra", config, dryRun: true });
  });
  afterAll(() => harness?.stop());

  test("passes with its ephemeral backends", async () => {
    expect(await gate(harness, await recordStack("dev", false, config))).toEqual([]);
  });

  test("fails when policy config holds dev to production rules", async () => {
    const verdict = await gate(harness, await recordStack("dev", false, config), {
      "routing-prod-durable-backends": { protectedEnvs: ["prod", "dev"] },
    });
    expect(verdict.length).toBeGreaterThan(10);
    expect(verdict).toContain(
      'mandatory routing-prod-durable-backends: dev route budget / t_acme (document dev:t_acme:budget) uses backend "memory"; dev allows only firestore, redis, s3. Change it in routes/dev.ts.',
    );
  });
});

describe("a stack named prod-eu with routing-infra:env prod", () => {
  test("is held to production rules", async () => {
    const config = { ...readStackConfig("prod"), "routing-infra:routesFile": "routes/dev.ts", "routing-infra:env": "dev" };
    // The dev route file's documents say env "dev"; the stack's config says prod: prod rules apply.
    const resources = await recordStack("prod-eu", false, config);
    const prodConfig = { ...config, "routing-infra:env": "prod" };
    const harness = await PolicyPackHarness.start({ stack: "prod-eu", project: "routing-infra", config: prodConfig, dryRun: true });
    try {
      const verdict = await gate(harness, resources);
      expect(verdict).toContain(
        'mandatory routing-prod-durable-backends: prod route budget / t_acme (document dev:t_acme:budget) uses backend "memory"; prod allows only firestore, redis, s3. Change it in routes/dev.ts.',
      );
    } finally {
      await harness.stop();
    }
  });
});
