// What to provision for each declared backend, with physical names derived from the
// stack and the backend's name (never from positions in a list, so reordering a route
// file renames nothing). Pure: the program and `render` share it.
import type { BackendSpec } from "../routes/schema";
import type { RouteTable } from "../routes/resolve";
import type { StackConfig } from "../lib/stack-config";
import { InputError, Problem } from "../lib/problems";
import type { BackendEndpoint } from "../lib/route-document";

export const REDIS_DEFAULT_VERSION = "REDIS_7_2";
/** Memorystore serves TLS on 6378 and plaintext on 6379. */
export const REDIS_TLS_PORT = 6378;
export const REDIS_PLAIN_PORT = 6379;

export type BackendPlan =
  | { readonly kind: "firestore"; readonly name: string; readonly spec: Extract<BackendSpec, { type: "firestore" }>; readonly provision: boolean; readonly project: string; readonly database: string; readonly location: string }
  | { readonly kind: "redis"; readonly name: string; readonly spec: Extract<BackendSpec, { type: "redis" }>; readonly instanceId: string; readonly secretId: string; readonly authSecretName: string; readonly project: string; readonly region: string; readonly tls: boolean; readonly persistence: boolean }
  | { readonly kind: "s3"; readonly name: string; readonly spec: Extract<BackendSpec, { type: "s3" }>; readonly provision: boolean; readonly bucket: string; readonly region: string }
  | { readonly kind: "ephemeral"; readonly name: string; readonly spec: Extract<BackendSpec, { type: "memory" | "noop" | "local" }> };

/** "chatBusBeta" -> "chat-bus-beta": GCP resource IDs are lowercase with hyphens. */
export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/_/g, "-")
    .toLowerCase();
}

export interface PlanOptions {
  /** True for envs held to production rules: persistence, delete protection, `protect`. */
  readonly protectedEnv: boolean;
}

export function planBackends(table: RouteTable, config: StackConfig, options: PlanOptions): BackendPlan[] {
  const problems: Problem[] = [];
  const plans: BackendPlan[] = [];
  for (const name of Object.keys(table.backends).sort()) {
    const spec = table.backends[name];
    switch (spec.type) {
      case "firestore":
        plans.push({
          kind: "firestore",
          name,
          spec,
          provision: spec.external !== true,
          project: spec.project ?? config.gcpProject,
          database: spec.database,
          location: spec.location ?? config.firestoreLocation,
        });
        break;
      case "redis": {
        const instanceId = `routing-${config.stack}-${kebab(name)}`;
        if (instanceId.length > 40 || !/^[a-z][a-z0-9-]*[a-z0-9]$/.test(instanceId)) {
          problems.push({
            file: table.file,
            route: name,
            field: `backends.${name}`,
            message: `the Memorystore instance ID "${instanceId}" derived from stack "${config.stack}" and this backend name is not valid (at most 40 lowercase letters, digits and "-"); use a shorter backend name`,
          });
        }
        const project = config.gcpProject;
        const secretId = `${instanceId}-auth`;
        plans.push({
          kind: "redis",
          name,
          spec,
          instanceId,
          secretId,
          authSecretName: `projects/${project}/secrets/${secretId}`,
          project,
          region: spec.region ?? config.gcpRegion,
          tls: true,
          persistence: options.protectedEnv || spec.tier === "STANDARD_HA",
        });
        break;
      }
      case "s3":
        plans.push({ kind: "s3", name, spec, provision: spec.external !== true, bucket: spec.bucket, region: spec.region ?? config.awsRegion });
        break;
      default:
        plans.push({ kind: "ephemeral", name, spec });
    }
  }
  if (problems.length > 0) throw new InputError(`${table.file}: backends cannot be provisioned:`, problems);
  return plans;
}

/**
 * The endpoint of a planned backend as known before deployment. Deploy-time values get
 * deterministic placeholders of the right type: a Redis host is a string naming the
 * instance, its port the port Memorystore uses for the planned TLS mode.
 */
export function placeholderEndpoint(plan: BackendPlan): BackendEndpoint {
  switch (plan.kind) {
    case "firestore":
      return { type: "firestore", project: plan.project, database: plan.database };
    case "redis":
      return {
        type: "redis",
        host: `(host of ${plan.instanceId}, known after deployment)`,
        port: plan.tls ? REDIS_TLS_PORT : REDIS_PLAIN_PORT,
        tls: plan.tls,
        authSecret: plan.authSecretName,
      };
    case "s3":
      return { type: "s3", bucket: plan.bucket, region: plan.region };
    case "ephemeral":
      return plan.spec.type === "local" ? { type: "local", path: plan.spec.path } : { type: plan.spec.type };
  }
}

/** What a backend is, physically: routes that share a target share their data. */
export function targetOf(plan: BackendPlan): string | null {
  switch (plan.kind) {
    case "firestore":
      return `firestore:${plan.project}/${plan.database}`;
    case "redis":
      return `redis:${plan.project}/${plan.region}/${plan.instanceId}`;
    case "s3":
      return `s3:${plan.bucket}`;
    case "ephemeral":
      return null;
  }
}

