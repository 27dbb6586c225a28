// Property-based tests over generated route files (ROUTING_INFRA_PROPERTY_RUNS cases per
// property; CI runs 10,000).
import * as fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { resolveRouteFile, validateRouteFile } from "../../routes/resolve";
import { formatProblem, InputError } from "../../lib/problems";
import { parseRouteDocumentId } from "../../lib/identifiers";
import { RESOURCE_KINDS } from "../../routes/catalog";
import { buildStackView } from "../../policy/core/view";
import { prodDurableBackends } from "../../policy/rules/prod-durable-backends";
import { requiredKindsRouted } from "../../policy/rules/required-kinds-routed";
import { PolicyPackHarness } from "../../lib/policy-harness";
import { compliantProdFile, prodConfig, PROD_CONFIG_RAW } from "../fixtures";
import { mutatedCompliant, prodTable, routeFile, RUNS } from "./generators";
import { oracle } from "./oracle";
import { syntheticResources } from "./synthetic";
import { recordStack } from "../policy/pack-fixture";

const FILE = "routes/generated.ts";

test(`the loader accepts or rejects every generated route file with a located message, never throws, never hangs (${RUNS} cases)`, () => {
  let accepted = 0;
  let slowest = 0;
  fc.assert(
    fc.property(fc.oneof({ weight: 3, arbitrary: routeFile }, { weight: 2, arbitrary: mutatedCompliant(compliantProdFile) }, { weight: 1, arbitrary: fc.anything() }), (input) => {
      const started = process.hrtime.bigint();
      const result = validateRouteFile(input, FILE);
      slowest = Math.max(slowest, Number(process.hrtime.bigint() - started) / 1e6);
      // Plain checks in the hot loop (jest's expect costs more than the loader itself).
      const fail = (why: string) => {
        throw new Error(`${why}\ninput: ${JSON.stringify(input)?.slice(0, 500)}`);
      };
      if (result.table) {
        accepted++;
        for (const route of result.table.routes) {
          const scope = parseRouteDocumentId(route.documentId);
          if (!scope || scope.env !== route.env || scope.tenant !== route.tenant || scope.kind !== route.kind || scope.project !== route.project) {
            fail(`document ID ${route.documentId} does not round-trip`);
          }
          if (!(RESOURCE_KINDS as readonly string[]).includes(route.kind)) fail(`unknown kind ${route.kind} accepted`);
        }
        return;
      }
      if (result.problems.length === 0) fail("rejected without a problem");
      for (const problem of result.problems) {
        if (problem.file !== FILE || problem.field.length === 0 || problem.message.length === 0 || !formatProblem(problem).startsWith(`${FILE}: `)) {
          fail(`problem without file, field or message: ${JSON.stringify(problem)}`);
        }
      }
      // The throwing entry point throws only InputError, with the same problems.
      let thrown: unknown;
      try {
        resolveRouteFile(input, FILE);
      } catch (error) {
        thrown = error;
      }
      if (!(thrown instanceof InputError)) fail(`resolveRouteFile threw ${String(thrown)} instead of an InputError`);
    }),
    { numRuns: RUNS },
  );
  // Some generated files must be valid, or the property says little about acceptance.
  expect(accepted).toBeGreaterThan(0);
  expect(slowest).toBeLessThan(1000);
});

test(`the gate's verdict on generated prod tables equals the oracle's (${RUNS} cases)`, () => {
  const config = prodConfig();
  let failing = 0;
  fc.assert(
    fc.property(prodTable, ({ file, unknownFields }) => {
      const table = resolveRouteFile(file, FILE, { checks: "structure" });
      const view = buildStackView(syntheticResources(table, config, unknownFields), { stack: "prod", configuredEnv: "prod", protectedEnvs: ["prod"] });
      const expected = oracle(file);
      const durable = prodDurableBackends.evaluate(view, {}).map((f) => /\(document ([^)]+)\)/.exec(f.message)![1]).sort();
      const completeness = requiredKindsRouted.evaluate(view, {});
      if (view.documents.length === 0) {
        // Nothing routed at all: one finding says so, whatever the scopes.
        expect(completeness.map((f) => f.message)).toEqual([expect.stringContaining("writes no route documents")]);
        expect(expected.ephemeral).toEqual([]);
        return;
      }
      const missing = completeness.map((f) => /expected document ([^)]+)\)/.exec(f.message)![1]).sort();
      expect({ durable, missing }).toEqual({ durable: expected.ephemeral, missing: expected.missing });
      if (durable.length + missing.length > 0) failing++;
    }),
    { numRuns: RUNS },
  );
  expect(failing).toBeGreaterThan(RUNS / 10);
});

describe("a sample through the real program and the Analyzer protocol", () => {
  let harness: PolicyPackHarness;
  beforeAll(async () => {
    harness = await PolicyPackHarness.start({ stack: "prod", project: "routing-infra", config: PROD_CONFIG_RAW, dryRun: true });
    await harness.configure({});
  });
  afterAll(() => harness?.stop());

  test("pass or fail as the oracle says, for each sampled table", async () => {
    const samples = fc.sample(prodTable, { numRuns: 12, seed: 20261126 });
    const dir = path.join(__dirname, "..", ".tmp");
    fs.mkdirSync(dir, { recursive: true });
    let failing = 0;
    for (const [i, { file }] of samples.entries()) {
      const routes = path.join(dir, `generated-${i}.js`);
      fs.writeFileSync(routes, `module.exports = ${JSON.stringify(file)};\n`);
      const resources = await recordStack("prod", false, PROD_CONFIG_RAW, routes);
      const { diagnostics } = await harness.analyzeStack(resources);
      const gateFails = diagnostics.some((d) => d.enforcementLevel === "mandatory");
      const expected = oracle(file);
      const oracleFails = expected.ephemeral.length + expected.missing.length > 0;
      expect([i, gateFails]).toEqual([i, oracleFails]);
      if (oracleFails) failing++;
    }
    expect(failing).toBeGreaterThan(0);
    expect(failing).toBeLessThan(samples.length);
  });
});
