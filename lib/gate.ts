// The credential-free gate: runs a stack's program in-process under mocks and judges
// what it would register with the real policy pack, over the Analyzer protocol.
import { loadStack } from "./load-stack";
import { readStackConfig } from "./stack-files";
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
  readonly timingsMs: {
    readonly program: number;
    readonly packStart: number;
    readonly analyze: number;
    /** AnalyzeStack end to end: encoding the request here plus the pack's round trip. */
    readonly analyzeStack: number;
    readonly analyzeStackEncode: number;
    /** The RPC alone: the pack decoding the resources and evaluating every policy (server side). */
    readonly analyzeStackRpc: number;
  };
  /** Time the pack spent in routing-infra's own rules (ROUTING_INFRA_PACK_TIMINGS=1), for benchmarks. */
  readonly packRulesMs: number | undefined;
  /** Peak memory of the pack process (MiB, Linux), for benchmarks. */
  readonly packPeakMb: number | undefined;
  /** Milliseconds from process start to the first resource registered, for benchmarks. */
  readonly firstRegistrationMs: number | undefined;
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

  // Start the pack first, then load the Pulumi SDK and run the program while the pack
  // starts: both load @pulumi/pulumi, and on two cores they do it side by side.
  const harnessStarting = PolicyPackHarness.start({ stack: options.stack, project: PROJECT, config: rawConfig, dryRun: true });
  harnessStarting.catch(() => undefined);
  const programStart = Date.now();
  let resources;
  let firstRegistrationMs: number | undefined;
  // @pulumi/pulumi captures a stack trace for every promise it creates; under mocks
  // nobody reads them, and at thousands of resources they cost half the run time.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const { runUnderMocks } = await import("./mock-engine");
    const { createRoutingStack } = await import("../infra/routing-stack");
    ({ resources, firstRegistrationMs } = await runUnderMocks({ project: PROJECT, stack: options.stack, config: rawConfig, preview: true, firstPreview }, () => {
      createRoutingStack(config, table);
      return {};
    }));
  } catch (error) {
    await (await harnessStarting.catch(() => undefined))?.stop();
    throw error;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
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
    const analyzeEach = options.analyzeEachResource ?? "auto";
    if (analyzeEach === true || (analyzeEach === "auto" && info.policies.some((p) => p.policyType !== "stack"))) {
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
      timingsMs: {
        program: programMs,
        packStart: harness.startMs,
        analyze: analyzeStackStart - analyzeStart,
        analyzeStack: analyzeStackMs,
        analyzeStackEncode: stackResult.encodeMs,
        analyzeStackRpc: stackResult.rpcMs,
      },
      packPeakMb: harness.packPeakMb(),
      packRulesMs: process.env.ROUTING_INFRA_PACK_TIMINGS
        ? rulesTime((await harness.waitForLogs((l) => l.message.startsWith("routing-infra timing: "), info.policies.length)).map((l) => l.message))
        : undefined,
      firstRegistrationMs,
    };
  } finally {
    await harness.stop();
  }
}

function rulesTime(messages: readonly string[]): number | undefined {
  const times = messages.map((m) => /^routing-infra timing: \S+ ([\d.]+) ms$/.exec(m)?.[1]).filter((t): t is string => t !== undefined);
  return times.length === 0 ? undefined : times.reduce((sum, t) => sum + Number(t), 0);
}
