// The credential-free gate: runs a stack's program in-process under mocks and judges
// what it would register with the real policy pack, over the Analyzer protocol.
import { loadStack } from "./load-stack";
import { readStackConfig } from "../cli/stack-files";
import { runUnderMocks } from "./mock-engine";
import { Diagnostic, PolicyInfo, PolicyPackConfig, PolicyPackHarness } from "./policy-harness";
import type { RouteTable } from "../routes/resolve";
import type { StackConfig } from "./stack-config";

export const PROJECT = "routing-infra";

/** The pack could not be started: the gate fails closed. */
export class PackLoadError extends Error {}

export interface GateOptions {
  readonly stack: string;
  /** Evaluate this route file instead of the stack's own (e.g. a pull request's candidate). */
  readonly routesFile?: string;
  /** Simulate the first preview of a new stack: outputs of resources not yet created are unknown. */
  readonly firstPreview?: boolean;
  readonly policyConfig?: PolicyPackConfig;
  /** Stack config to use instead of reading Pulumi.<stack>.yaml (full keys to strings). */
  readonly stackConfig?: Readonly<Record<string, string>>;
  /** Send an Analyze per resource before AnalyzeStack, as the engine does. @default true */
  readonly analyzeEachResource?: boolean;
}

export interface GateResult {
  readonly stack: string;
  readonly config: StackConfig;
  readonly table: RouteTable;
  readonly firstPreview: boolean;
  readonly pack: { readonly name: string; readonly version: string };
  readonly policies: readonly PolicyInfo[];
  readonly resourceCount: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly mandatory: number;
  readonly advisory: number;
  readonly timingsMs: { readonly program: number; readonly packStart: number; readonly analyze: number; readonly analyzeStack: number };
}

/** Expands an "all" entry of a policy config file to every policy of the pack. */
export function expandPolicyConfig(config: PolicyPackConfig, policies: readonly PolicyInfo[]): PolicyPackConfig {
  const { all, ...rest } = config as Record<string, any>;
  if (all === undefined) return rest;
  const expanded: Record<string, any> = {};
  for (const p of policies) {
    const own = rest[p.name];
    const base = typeof all === "string" ? { enforcementLevel: all } : all;
    expanded[p.name] = own === undefined ? base : typeof own === "string" ? { ...base, enforcementLevel: own } : { ...base, ...own };
  }
  return expanded;
}

export async function runGate(options: GateOptions): Promise<GateResult> {
  const rawConfig = options.stackConfig ?? readStackConfig(options.stack);
  // "structure": a candidate file that breaks the contract still renders; the pack judges it.
  const { config, table } = loadStack(rawConfig, options.stack, options.routesFile, { checks: "structure" });
  const firstPreview = options.firstPreview ?? false;

  // Start the pack while the program runs: the pack's start-up dominates.
  const harnessStarting = PolicyPackHarness.start({ stack: options.stack, project: PROJECT, config: rawConfig, dryRun: true });
  harnessStarting.catch(() => undefined);
  const programStart = Date.now();
  let resources;
  try {
    ({ resources } = await runUnderMocks({ project: PROJECT, stack: options.stack, config: rawConfig, preview: true, firstPreview }, async () => {
      const { createRoutingStack } = await import("../infra/routing-stack");
      createRoutingStack(config, table);
      return {};
    }));
  } catch (error) {
    await (await harnessStarting.catch(() => undefined))?.stop();
    throw error;
  }
  const programMs = Date.now() - programStart;

  let harness: PolicyPackHarness;
  try {
    harness = await harnessStarting;
  } catch (error) {
    throw new PackLoadError(`the policy pack (policy/) did not start, so nothing was judged and the gate fails: ${(error as Error).message}`);
  }
  try {
    const info = await harness.analyzerInfo();
    await harness.configure(expandPolicyConfig(options.policyConfig ?? {}, info.policies));
    const diagnostics: Diagnostic[] = [];
    const analyzeStart = Date.now();
    if (options.analyzeEachResource ?? true) {
      for (const resource of resources) diagnostics.push(...(await harness.analyze(resource)));
    }
    const analyzeStackStart = Date.now();
    const stackResult = await harness.analyzeStack(resources);
    diagnostics.push(...stackResult.diagnostics);
    const analyzeStackMs = Date.now() - analyzeStackStart;
    return {
      stack: options.stack,
      config,
      table,
      firstPreview,
      pack: { name: info.name, version: info.version },
      policies: info.policies,
      resourceCount: resources.length,
      diagnostics,
      mandatory: diagnostics.filter((d) => d.enforcementLevel === "mandatory").length,
      advisory: diagnostics.filter((d) => d.enforcementLevel === "advisory").length,
      timingsMs: { program: programMs, packStart: harness.startMs, analyze: analyzeStackStart - analyzeStart, analyzeStack: analyzeStackMs },
    };
  } finally {
    await harness.stop();
  }
}
