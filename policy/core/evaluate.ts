// Runs every rule over a stack view: the same verdicts the pack reports, without gRPC.
import { RULES } from "./rules";
import type { RuleConfig } from "./rule";
import { buildStackView, ResourceInput, StackContext } from "./view";

export interface Verdict {
  readonly policy: string;
  readonly message: string;
  readonly urn?: string;
}

/** `configs` maps a policy name to its config (as in a policy config file). */
export function evaluateStack(
  resources: readonly ResourceInput[],
  context: Omit<StackContext, "protectedEnvs">,
  configs: Readonly<Record<string, RuleConfig>> = {},
): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const rule of RULES) {
    const config = configs[rule.name] ?? {};
    const protectedEnvs = Array.isArray(config.protectedEnvs) ? (config.protectedEnvs as string[]) : ["prod"];
    const view = buildStackView(resources, { ...context, protectedEnvs });
    for (const finding of rule.evaluate(view, config)) verdicts.push({ policy: rule.name, ...finding });
  }
  return verdicts;
}
