// The shape of a rule: a pure function from a stack view and the rule's config to
// findings. The pack (policy/pack.ts) wraps each rule in a CrossGuard stack policy.
import type { StackView } from "./view";

export type Severity = "low" | "medium" | "high" | "critical";

export interface Finding {
  readonly message: string;
  /** The resource the finding is about, when there is one. */
  readonly urn?: string;
}

export type RuleConfig = Readonly<Record<string, unknown>>;

export interface Rule {
  /** `routing-<what>-<verb>`: the policy name users configure and see. */
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  /** JSON-schema properties of the rule's own config (`protectedEnvs` is added for every rule). */
  readonly configSchema: Readonly<Record<string, object>>;
  evaluate(view: StackView, config: RuleConfig): Finding[];
}

/** Every rule's shared config: which envs are held to production rules. */
export const PROTECTED_ENVS_SCHEMA = {
  type: "array",
  items: { type: "string" },
  default: ["prod"],
  description: "Stack envs (routing-infra:env) held to production rules.",
} as const;

export function stringList(config: RuleConfig, key: string, fallback: readonly string[]): readonly string[] {
  const value = config[key];
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : fallback;
}

/** "prod" in messages: the stack's env, or the env that made the stack protected. */
export function envLabel(view: StackView): string {
  return view.env ?? view.protectedEnvs[0] ?? "prod";
}
