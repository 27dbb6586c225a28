// The stack's configuration (`routing-infra:*` keys of Pulumi.<stack>.yaml), parsed once.
//
// The same parser serves the Pulumi program (values from the engine) and the CLI (values
// read from the stack file), so both agree on defaults and on what is an error.
import { z } from "zod";
import { ENVS, Env } from "../routes/catalog";
import { didYouMean, InputError, Problem } from "./problems";

export const CONFIG_NAMESPACE = "routing-infra";

const GcpProjectId = z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a GCP project ID (6-30 lowercase letters, digits and "-", starting with a letter)`,
});
const GcpRegion = z.string().regex(/^[a-z]+-[a-z]+\d+$/, { error: (issue) => `${JSON.stringify(issue.input)} is not a GCP region (e.g. "europe-west1")` });
const AwsRegion = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { error: (issue) => `${JSON.stringify(issue.input)} is not an AWS region (e.g. "eu-west-1")` });

export const StackConfig = z.strictObject({
  /** Which env the stack's documents are written for: dev, staging or prod. */
  env: z.enum(ENVS, { error: (issue) => `${JSON.stringify(issue.input)} is not an env; use dev, staging or prod` }),
  /** GCP project of the Firestore databases, Redis instances and secrets. */
  gcpProject: GcpProjectId,
  /** GCP region of Redis instances. */
  gcpRegion: GcpRegion,
  /** Firestore location of provisioned databases (a region or a multi-region such as "eur3"). */
  firestoreLocation: z.string().min(1),
  /** AWS region of S3 buckets. */
  awsRegion: AwsRegion,
  /** Route file of the stack, relative to the repository root. @default "routes/<stack>.ts" */
  routesFile: z.string().min(1).optional(),
  /** GCP project of the routing registry. @default - gcpProject */
  registryProject: GcpProjectId.optional(),
  /** Firestore database of the routing registry. @default "(default)" */
  registryDatabase: z.string().min(1).default("(default)"),
  /** Collection of the route documents. @default "resource_routes" */
  registryCollection: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, { error: "use 1-100 letters, digits, '_' or '-'" })
    .default("resource_routes"),
});
export type StackConfig = z.infer<typeof StackConfig> & { readonly stack: string; readonly routesFile: string; readonly registryProject: string };

const KEYS = Object.keys(StackConfig.shape);

/**
 * Parses `routing-infra:*` values. `raw` maps full keys ("routing-infra:env") to the
 * strings Pulumi stores (objects and arrays as JSON); keys of other namespaces are ignored.
 */
export function parseStackConfig(raw: Readonly<Record<string, unknown>>, stack: string, stackFile: string): StackConfig {
  const problems: Problem[] = [];
  const values: Record<string, unknown> = {};
  for (const [fullKey, value] of Object.entries(raw)) {
    if (!fullKey.startsWith(`${CONFIG_NAMESPACE}:`)) continue;
    const key = fullKey.slice(CONFIG_NAMESPACE.length + 1);
    if (!KEYS.includes(key)) {
      problems.push({ file: stackFile, field: fullKey, message: `unknown config key${didYouMean(key, KEYS)}; known keys: ${KEYS.map((k) => `${CONFIG_NAMESPACE}:${k}`).join(", ")}` });
      continue;
    }
    values[key] = value;
  }
  const parsed = StackConfig.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = `${CONFIG_NAMESPACE}:${issue.path.map(String).join(".")}`;
      const missing = values[String(issue.path[0])] === undefined;
      problems.push({
        file: stackFile,
        field: key,
        message: missing ? `missing; set it with \`pulumi config set ${key.split(".")[0]} <value> --stack ${stack}\`` : issue.message,
      });
    }
  }
  if (problems.length > 0 || !parsed.success) {
    throw new InputError(`${stackFile}: stack configuration does not validate:`, problems);
  }
  return {
    ...parsed.data,
    stack,
    routesFile: parsed.data.routesFile ?? `routes/${stack}.ts`,
    registryProject: parsed.data.registryProject ?? parsed.data.gcpProject,
  };
}

export type { Env };
