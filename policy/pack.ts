// The routing-infra CrossGuard policy pack: each rule of policy/rules/ as a stack
// policy, mandatory by default, configurable with `--policy-pack-config`.
import * as pulumi from "@pulumi/pulumi";
import { PolicyPack, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { RULES } from "./core/rules";
import { PROTECTED_ENVS_SCHEMA, Rule, RuleConfig } from "./core/rule";
import { buildStackView, ResourceInput } from "./core/view";

/**
 * The policy SDK wraps props in a proxy that turns a read of an unknown value into an
 * advisory "can't run during preview". The rules must instead fail closed, so they read
 * the raw values (unknowns as the engine's sentinel) through the proxy's own escape hatch.
 */
const PROXY_TARGET = "__getSpecialProxyTarget";

function rawProps(props: unknown): Record<string, unknown> {
  const target = (props as Record<string, unknown> | undefined)?.[PROXY_TARGET];
  return (target ?? props ?? {}) as Record<string, unknown>;
}

function toResourceInput(resource: PolicyResource): ResourceInput {
  return {
    urn: resource.urn,
    type: resource.type,
    name: resource.name,
    props: rawProps(resource.props),
    protect: resource.opts.protect === true,
    dependencies: resource.dependencies.map((d) => d.urn),
  };
}

function stackPolicy(rule: Rule): StackValidationPolicy {
  return {
    name: rule.name,
    description: rule.description,
    enforcementLevel: "mandatory",
    severity: rule.severity,
    configSchema: {
      properties: {
        protectedEnvs: { ...PROTECTED_ENVS_SCHEMA, items: { type: "string" }, default: [...PROTECTED_ENVS_SCHEMA.default] },
        registryCollection: { type: "string", default: "resource_routes", description: "Collection of route documents when the stack registers no routing table." },
        ...rule.configSchema,
      } as never,
    },
    validateStack: (args, reportViolation) => {
      const started = performance.now();
      const config = args.getConfig<RuleConfig>();
      const view = buildStackView(args.resources.map(toResourceInput), {
        stack: pulumi.getStack(),
        // The engine passes the stack's config to the pack (PULUMI_CONFIG).
        configuredEnv: new pulumi.Config("routing-infra").get("env"),
        protectedEnvs: Array.isArray(config.protectedEnvs) ? (config.protectedEnvs as string[]) : ["prod"],
        registryCollection: typeof config.registryCollection === "string" ? config.registryCollection : undefined,
      });
      for (const finding of rule.evaluate(view, config)) reportViolation(finding.message, finding.urn);
      // For benchmarks: the pack's own share of AnalyzeStack, apart from the SDK's decoding.
      if (process.env.ROUTING_INFRA_PACK_TIMINGS) pulumi.log.info(`routing-infra timing: ${rule.name} ${(performance.now() - started).toFixed(1)} ms`);
    },
  };
}

export const pack = new PolicyPack("routing-infra", {
  enforcementLevel: "mandatory",
  policies: RULES.map(stackPolicy),
});
