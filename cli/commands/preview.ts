import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { GateResult, PackLoadError, runGate } from "../../lib/gate";
import { InputError } from "../../lib/problems";
import type { Diagnostic, PolicyPackConfig } from "../../lib/policy-harness";
import { checkoutRevision, GitError, loadStackAt, repositoryRoot } from "../../lib/revisions";
import { diffStack } from "../../lib/route-diff";
import { formatRouteTable } from "../render";
import { CommandIO, UsageError } from "../io";

export const PREVIEW_USAGE =
  "routing-infra preview --stack <name> [--routes <file>] [--base <git-ref>] [--policy-pack-config <file>] [--json] [--first-preview]";

/** The check `--base` adds to the pack's: stateful switches must be declared (docs/safety.md). */
export const SWITCH_POLICY = "routing-stateful-switch-acknowledged";

function readPolicyConfig(file: string): PolicyPackConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new InputError(`policy config ${file} could not be read:`, [{ file, field: "(file)", message: "does not exist or is not readable" }]);
  }
  try {
    const parsed = JSON.parse(text);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("expected an object keyed by policy name");
    return parsed;
  } catch (error) {
    throw new InputError(`policy config ${file} is not valid:`, [{ file, field: "(file)", message: `${(error as Error).message}; see policy/config.json` }]);
  }
}

/**
 * The gate without credentials: the stack's program under mocks, judged by the policy
 * pack over the Analyzer protocol. Exit 1 on any mandatory violation.
 */
export async function previewCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string" },
      routes: { type: "string" },
      "policy-pack-config": { type: "string" },
      json: { type: "boolean", default: false },
      "first-preview": { type: "boolean", default: false },
      base: { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.stack) throw new UsageError("--stack is required");
  let result: GateResult;
  try {
    result = await runGate({
      stack: values.stack,
      routesFile: values.routes && path.resolve(values.routes),
      firstPreview: values["first-preview"],
      policyConfig: values["policy-pack-config"] ? readPolicyConfig(values["policy-pack-config"]) : undefined,
    });
  } catch (error) {
    if (error instanceof PackLoadError) {
      io.err(`routing-infra preview: ${error.message}`);
      return 3;
    }
    throw error;
  }
  if (values.base) {
    const refusals = switchRefusals(values.base, values.stack, result);
    result = { ...result, diagnostics: [...result.diagnostics, ...refusals], mandatory: result.mandatory + refusals.length };
  }
  io.out(values.json ? JSON.stringify(gateSummary(result), null, 2) : formatGate(result));
  return result.mandatory > 0 ? 1 : 0;
}

/** Switches of stateful kinds since `base` that the route file does not acknowledge, as mandatory violations. */
function switchRefusals(base: string, stack: string, result: GateResult): Diagnostic[] {
  let before;
  try {
    before = loadStackAt(checkoutRevision(base, repositoryRoot()), stack, { checks: "structure" });
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
  if (before.error) {
    // The base does not load: nothing to compare against; say so rather than pass silently.
    return [{ ...refusal(`stack ${stack} does not load at ${base}, so switches since then cannot be checked:\n${before.error}`), urn: "" }];
  }
  const diff = diffStack(before.snapshot, { config: result.config, table: result.table });
  return diff.refusals.map((change) => refusal(`route ${change.scope} (document ${change.documentId}): ${change.refused}`));
}

function refusal(message: string): Diagnostic {
  return {
    policyName: SWITCH_POLICY,
    description: "Switches of stateful kinds in protected envs are declared in the route file, and never remove the old backend in the same change.",
    policyPackName: "routing-infra (preview --base)",
    policyPackVersion: "",
    message,
    enforcementLevel: "mandatory",
    severity: "critical",
    urn: "",
  };
}

export function gateSummary(result: GateResult) {
  return {
    stack: result.stack,
    env: result.config.env,
    routesFile: result.table.file,
    firstPreview: result.firstPreview,
    policyPack: result.pack,
    policiesEvaluated: result.policies.map((p) => p.name),
    resourcesAnalyzed: result.resourceCount,
    routes: result.table.routes.map((r) => ({
      documentId: r.documentId,
      kind: r.kind,
      tenant: r.tenant,
      project: r.project,
      backend: r.backendName,
      backendType: r.backend.type,
    })),
    violations: result.diagnostics.map((d) => ({ policy: d.policyName, level: d.enforcementLevel, severity: d.severity, message: d.message, resource: d.urn || null })),
    counts: { mandatory: result.mandatory, advisory: result.advisory, total: result.diagnostics.length },
    passed: result.mandatory === 0,
  };
}

export function formatGate(result: GateResult): string {
  const lines = [
    `Previewing stack ${result.stack} (env ${result.config.env}) from ${result.table.file}${result.firstPreview ? ", as its first preview" : ""}: ${result.resourceCount} resources, no cloud access.`,
    "",
    formatRouteTable(result.table),
    "",
    `Policy pack ${result.pack.name}@v${result.pack.version}: ${result.policies.length} policies evaluated.`,
  ];
  if (result.diagnostics.length === 0) {
    lines.push("No policy violations.");
  } else {
    for (const d of result.diagnostics) {
      lines.push(`  [${d.enforcementLevel}] ${d.policyName}${d.severity ? ` (${d.severity})` : ""}: ${d.message}`);
      if (d.urn) lines.push(`    resource: ${d.urn}`);
    }
    lines.push(`${result.mandatory} mandatory, ${result.advisory} advisory violation(s).`);
  }
  lines.push(result.mandatory > 0 ? "FAILED: mandatory policy violations." : "PASSED.");
  return lines.join("\n");
}
