// zod schemas for route files. Every object is strict: a misspelled column is an error,
// never silently ignored. Cross-field and cross-row rules (backend references, duplicate
// scopes, completeness, prod durability) live in `resolve.ts`, which reports all of them
// together with the schema's own problems.
import { z } from "zod";
import { ENVS, RESOURCE_KINDS } from "./catalog";
import { idPartProblems } from "../lib/identifiers";
import { s3BucketNameProblems } from "../lib/s3-names";
import { didYouMean } from "../lib/problems";

const IdPart = (what: string) =>
  z.string({ error: `${what} must be a string` }).superRefine((value, ctx) => {
    for (const reason of idPartProblems(value)) {
      ctx.addIssue({ code: "custom", message: `invalid ${what} "${value}": ${reason}` });
    }
  });

export const TenantId = IdPart("tenant ID");
export const ProjectId = IdPart("project ID");

const FirestoreDatabaseId = z
  .string()
  .regex(/^(\(default\)|[a-z][a-z0-9-]{2,61}[a-z0-9])$/, {
    error: (issue) =>
      `invalid Firestore database ID ${JSON.stringify(issue.input)}: use "(default)" or 4-63 characters of lowercase letters, digits and "-", starting with a letter`,
  });

const CollectionId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, { error: (issue) => `invalid collection ID ${JSON.stringify(issue.input)}: use 1-100 letters, digits, "_" or "-"` });

const BucketName = z.string().superRefine((value, ctx) => {
  for (const reason of s3BucketNameProblems(value)) {
    ctx.addIssue({ code: "custom", message: `invalid S3 bucket name "${value}": ${reason}` });
  }
});

/** A Firestore database that serves Firestore-backed kinds. */
export const FirestoreBackend = z.strictObject({
  type: z.literal("firestore"),
  /** Firestore database ID, e.g. "(default)" or "routing-data". */
  database: FirestoreDatabaseId,
  /** GCP project. @default - the stack's `routing-infra:gcpProject` */
  project: z.string().min(1).optional(),
  /** Firestore location (e.g. "eur3", "nam5"). @default - the stack's `routing-infra:firestoreLocation` */
  location: z.string().min(1).optional(),
  /** When true the database exists outside this stack: routes may point at it, nothing is provisioned. @default false */
  external: z.boolean().optional(),
});
export type FirestoreBackend = z.infer<typeof FirestoreBackend>;

export const REDIS_TIERS = ["BASIC", "STANDARD_HA"] as const;
export const REDIS_MEMORY_GB_MIN = 1;
export const REDIS_MEMORY_GB_MAX = 300;

/** A Memorystore for Redis instance (`gcp.redis.Instance`). */
export const RedisBackend = z.strictObject({
  type: z.literal("redis"),
  /** BASIC has no replica; STANDARD_HA (required in prod by the gate) fails over. */
  tier: z.enum(REDIS_TIERS, { error: (issue) => `invalid Redis tier ${JSON.stringify(issue.input)}: use "BASIC" or "STANDARD_HA"` }),
  /** Capacity in GiB, as Memorystore sells it. */
  memorySizeGb: z
    .number({ error: "memorySizeGb must be a number of GiB" })
    .int({ error: "memorySizeGb must be a whole number of GiB" })
    .min(REDIS_MEMORY_GB_MIN, { error: (issue) => `memorySizeGb ${issue.input} is out of range: Memorystore sells ${REDIS_MEMORY_GB_MIN}-${REDIS_MEMORY_GB_MAX} GiB` })
    .max(REDIS_MEMORY_GB_MAX, { error: (issue) => `memorySizeGb ${issue.input} is out of range: Memorystore sells ${REDIS_MEMORY_GB_MIN}-${REDIS_MEMORY_GB_MAX} GiB` }),
  /** @default "REDIS_7_2" */
  redisVersion: z.string().regex(/^REDIS_\d+_\d+$/, { error: 'redisVersion looks like "REDIS_7_2"' }).optional(),
  /** GCP region. @default - the stack's `routing-infra:gcpRegion` */
  region: z.string().min(1).optional(),
});
export type RedisBackend = z.infer<typeof RedisBackend>;

/** An S3 bucket (`aws.s3.Bucket`), with an explicit name: routes name their bucket (contract rule 4). */
export const S3Backend = z.strictObject({
  type: z.literal("s3"),
  bucket: BucketName,
  /** AWS region. @default - the stack's `routing-infra:awsRegion` */
  region: z.string().min(1).optional(),
  /** When true the bucket exists outside this stack: nothing is provisioned. @default false */
  external: z.boolean().optional(),
});
export type S3Backend = z.infer<typeof S3Backend>;

/** In-process memory: data is lost on restart. Ephemeral; never allowed in prod. */
export const MemoryBackend = z.strictObject({ type: z.literal("memory") });
export type MemoryBackend = z.infer<typeof MemoryBackend>;

/** Discards writes. Ephemeral; never allowed in prod. */
export const NoopBackend = z.strictObject({ type: z.literal("noop") });
export type NoopBackend = z.infer<typeof NoopBackend>;

/** A directory on the service's local disk. Ephemeral; never allowed in prod. */
export const LocalBackend = z.strictObject({ type: z.literal("local"), path: z.string().min(1, { error: "path must not be empty" }) });
export type LocalBackend = z.infer<typeof LocalBackend>;

export const BackendSpec = z.discriminatedUnion(
  "type",
  [FirestoreBackend, RedisBackend, S3Backend, MemoryBackend, NoopBackend, LocalBackend],
  {
    error: (issue) =>
      issue.code === "invalid_union"
        ? `unknown backend type ${JSON.stringify((issue.input as { type?: unknown } | undefined)?.type)}: use one of firestore, redis, s3, memory, noop, local`
        : undefined,
  },
);
export type BackendSpec = z.infer<typeof BackendSpec>;

const BackendName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,62}$/, {
  error: (issue) => `invalid backend name ${JSON.stringify(issue.input)}: start with a letter; letters, digits, "_" and "-" only`,
});

export const DefaultRoute = z.strictObject({
  /** Name of an entry under `backends`. */
  backend: z.string(),
  /** Firestore collection that holds this kind's data. @default - the kind's name */
  collection: CollectionId.optional(),
});
export type DefaultRoute = z.infer<typeof DefaultRoute>;

const Kind = z.enum(RESOURCE_KINDS, {
  error: (issue) =>
    `unknown resource kind ${JSON.stringify(issue.input)}${typeof issue.input === "string" ? didYouMean(issue.input, RESOURCE_KINDS) : ""}; the 17 kinds are listed in routes/catalog.ts`,
});

export const Override = z.strictObject({
  tenant: z.string(),
  /** Narrows the override to one of the tenant's declared projects. */
  project: z.string().optional(),
  kind: Kind,
  backend: z.string(),
  collection: CollectionId.optional(),
  /** Why this tenant differs, for reviewers. */
  reason: z.string().optional(),
});
export type Override = z.infer<typeof Override>;

/**
 * A declared, reviewed switch of a stateful kind's backend (see docs/safety.md). Without
 * one, `routing-infra diff` and `preview --base` refuse a change that moves such a kind.
 */
export const AcknowledgedSwitch = z.strictObject({
  kind: Kind,
  /** Limits the acknowledgement to one tenant. @default - every tenant */
  tenant: z.string().optional(),
  project: z.string().optional(),
  /** Backend name the kind leaves. */
  from: z.string(),
  /** Backend name the kind moves to. */
  to: z.string(),
  /** Why, and how the data is migrated. Required: this is what reviewers read. */
  reason: z.string().min(10, { error: "reason must say why and how the data moves (at least 10 characters)" }),
});
export type AcknowledgedSwitch = z.infer<typeof AcknowledgedSwitch>;

export const RouteFileSections = {
  env: z.enum(ENVS, { error: (issue) => `unknown env ${JSON.stringify(issue.input)}: use dev, staging or prod` }),
  tenants: z.array(TenantId).min(1, { error: "declare at least one tenant" }),
  projects: z.record(z.string(), z.array(ProjectId)).optional(),
  backends: z.record(BackendName, BackendSpec),
  routes: z.partialRecord(Kind, DefaultRoute),
  overrides: z.array(Override).optional(),
  acknowledgedSwitches: z.array(AcknowledgedSwitch).optional(),
} as const;

export const RouteFile = z.strictObject(RouteFileSections);

/** The keys an object at a path may have, for "did you mean" on a misspelled key. */
export function knownKeysAt(path: readonly string[], input: unknown): readonly string[] {
  const [section, second, third] = path;
  if (section === "routes") return second === undefined ? RESOURCE_KINDS : Object.keys(DefaultRoute.shape);
  if (section === "overrides") return Object.keys(Override.shape);
  if (section === "acknowledgedSwitches") return Object.keys(AcknowledgedSwitch.shape);
  if (section === "backends" && second !== undefined && third === undefined) {
    const type = (input as { backends?: Record<string, { type?: unknown }> })?.backends?.[second]?.type;
    const schema = [FirestoreBackend, RedisBackend, S3Backend, MemoryBackend, NoopBackend, LocalBackend].find((b) => b.shape.type.value === type);
    return schema ? Object.keys(schema.shape) : [];
  }
  return [];
}
export type RouteFile = z.infer<typeof RouteFile>;
