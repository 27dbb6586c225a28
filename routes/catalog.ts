// The contract's catalog of resource kinds and backend types, as one exhaustive table.
//
// Everything else (route-file types, the loader, the program, the policy pack) reads
// from here, so the contract is written down exactly once. `KIND_CATALOG` is typed as a
// mapped type over `RESOURCE_KINDS`: adding a kind to the list without its metadata is a
// compile error, and so is metadata for a kind that is not in the list.
//
// Beware the name clash the contract warns about: `memory` is a *resource kind*
// (sessions / blackboard, stored in Firestore) and also an *ephemeral backend type*.
// The two live in different types (`ResourceKind` and `BackendType`) and are never
// compared with each other.

export const DURABLE_BACKEND_TYPES = ["firestore", "redis", "s3"] as const;
export const EPHEMERAL_BACKEND_TYPES = ["memory", "noop", "local"] as const;
export const BACKEND_TYPES = [...DURABLE_BACKEND_TYPES, ...EPHEMERAL_BACKEND_TYPES] as const;

export type DurableBackendType = (typeof DURABLE_BACKEND_TYPES)[number];
export type EphemeralBackendType = (typeof EPHEMERAL_BACKEND_TYPES)[number];
export type BackendType = (typeof BACKEND_TYPES)[number];

export const ENVS = ["dev", "staging", "prod"] as const;
export type Env = (typeof ENVS)[number];

/**
 * Durability is an allowlist: only the exact strings "firestore", "redis" and "s3" are
 * durable. "Memory", "sqlite", "" or an unknown value are not (contract rule 1).
 */
export function isDurableBackendType(value: unknown): value is DurableBackendType {
  return typeof value === "string" && (DURABLE_BACKEND_TYPES as readonly string[]).includes(value);
}

export function isBackendType(value: unknown): value is BackendType {
  return typeof value === "string" && (BACKEND_TYPES as readonly string[]).includes(value);
}

export const RESOURCE_KINDS = [
  "analytics_events",
  "budget",
  "chat_bus",
  "feature_flags",
  "firearms",
  "kpi",
  "maybes",
  "media_v2_storage",
  "memory",
  "nexus_backend",
  "page_content",
  "rate_limit",
  "raw_storage",
  "realtime_registry",
  "seo",
  "strategy_lock",
  "timeline",
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export function isResourceKind(value: unknown): value is ResourceKind {
  return typeof value === "string" && (RESOURCE_KINDS as readonly string[]).includes(value);
}

export interface KindSpec {
  /** The backend the contract names for production. */
  readonly prodBackend: DurableBackendType;
  /** Backend types a route of this kind may use in any env (prod narrows this to durable ones). */
  readonly allowedBackends: readonly BackendType[];
  /** When true the runtime raises MissingRoutingConfig if the route is absent. */
  readonly required: boolean;
  /**
   * When true the backend holds data that a switch would strand (messages, sessions,
   * objects): changing the backend of this kind in a protected env must be acknowledged.
   */
  readonly stateful: boolean;
  /** One line for reviewers and for messages. */
  readonly note: string;
}

const FIRESTORE_DATA = ["firestore", "memory", "noop"] as const;

export const KIND_CATALOG = {
  analytics_events: { prodBackend: "firestore", allowedBackends: FIRESTORE_DATA, required: true, stateful: true, note: "event history" },
  budget: { prodBackend: "firestore", allowedBackends: FIRESTORE_DATA, required: true, stateful: true, note: "spend ledgers" },
  chat_bus: { prodBackend: "redis", allowedBackends: ["redis", "memory"], required: true, stateful: true, note: "must survive restarts" },
  feature_flags: { prodBackend: "firestore", allowedBackends: ["firestore", "memory"], required: true, stateful: true, note: "flag values" },
  firearms: { prodBackend: "firestore", allowedBackends: FIRESTORE_DATA, required: true, stateful: true, note: "" },
  kpi: { prodBackend: "firestore", allowedBackends: FIRESTORE_DATA, required: true, stateful: true, note: "" },
  maybes: { prodBackend: "firestore", allowedBackends: FIRESTORE_DATA, required: true, stateful: true, note: "" },
  media_v2_storage: { prodBackend: "s3", allowedBackends: ["s3", "local", "memory"], required: true, stateful: true, note: "bucket required" },
  memory: { prodBackend: "firestore", allowedBackends: ["firestore", "memory"], required: true, stateful: true, note: "sessions / blackboard (the kind, not the memory backend)" },
  nexus_backend: { prodBackend: "firestore", allowedBackends: ["firestore", "memory"], required: true, stateful: true, note: "no noop allowed" },
  page_content: { prodBackend: "firestore", allowedBackends: FIRESTORE_DATA, required: true, stateful: true, note: "" },
  rate_limit: { prodBackend: "firestore", allowedBackends: ["firestore", "redis", "memory", "noop"], required: true, stateful: false, note: "counters; safe to switch" },
  raw_storage: { prodBackend: "s3", allowedBackends: ["s3", "local", "memory"], required: true, stateful: true, note: "bucket required; missing bucket raises" },
  realtime_registry: { prodBackend: "firestore", allowedBackends: ["firestore", "memory"], required: true, stateful: true, note: "must survive restarts" },
  seo: { prodBackend: "firestore", allowedBackends: FIRESTORE_DATA, required: true, stateful: true, note: "" },
  strategy_lock: { prodBackend: "firestore", allowedBackends: FIRESTORE_DATA, required: true, stateful: false, note: "short-lived locks; safe to switch" },
  timeline: { prodBackend: "firestore", allowedBackends: FIRESTORE_DATA, required: true, stateful: true, note: "" },
} as const satisfies { readonly [K in ResourceKind]: KindSpec };

/** Backend types a kind accepts, as a type: lets route files fail to compile on a wrong-typed backend. */
export type AllowedBackendType<K extends ResourceKind> = (typeof KIND_CATALOG)[K]["allowedBackends"][number];

export function kindSpec(kind: ResourceKind): KindSpec {
  return KIND_CATALOG[kind];
}

export const REQUIRED_KINDS: readonly ResourceKind[] = RESOURCE_KINDS.filter((kind) => kindSpec(kind).required);
