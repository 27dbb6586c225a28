// The ResourceRoute document: from a resolved route and its backend's endpoint to the
// record the runtime reads, and to the Firestore fields the program writes. Pure.
import type { ResolvedRoute } from "../routes/resolve";
import { encodeFields, FirestoreFields, PlainValue } from "./firestore-fields";

/**
 * Where a backend is reached. Deploy-time values (a Redis host and port) are generic so
 * the program can pass Pulumi Outputs and `render` deterministic placeholders.
 */
export type BackendEndpoint<Str = string, Num = number> =
  | { readonly type: "firestore"; readonly project: string; readonly database: string }
  | { readonly type: "redis"; readonly host: Str; readonly port: Num; readonly tls: boolean; readonly authSecret: string | null }
  | { readonly type: "s3"; readonly bucket: string; readonly region: string }
  | { readonly type: "memory" }
  | { readonly type: "noop" }
  | { readonly type: "local"; readonly path: string };

/**
 * The `config` map of a route (contract minimum: firestore {project, database,
 * collection}; redis {host, port}; s3 {bucket, region}). A credential is never a value
 * here: Redis AUTH is referenced by Secret Manager resource name (`auth_secret`).
 */
export function routeConfig<Str, Num>(route: ResolvedRoute, endpoint: BackendEndpoint<Str, Num>): Record<string, Str | Num | string | boolean> {
  switch (endpoint.type) {
    case "firestore":
      return { project: endpoint.project, database: endpoint.database, collection: route.collection ?? route.kind };
    case "redis": {
      const config: Record<string, Str | Num | string | boolean> = { host: endpoint.host, port: endpoint.port, tls: endpoint.tls };
      if (endpoint.authSecret !== null) config.auth_secret = endpoint.authSecret;
      return config;
    }
    case "s3":
      return { bucket: endpoint.bucket, region: endpoint.region };
    case "local":
      return { path: endpoint.path };
    case "memory":
    case "noop":
      return {};
  }
}

/** A ResourceRoute as the runtime's Pydantic model has it (snake_case). */
export interface ResourceRouteRecord {
  readonly resource_kind: string;
  readonly tenant_id: string;
  readonly env: string;
  readonly project_id: string | null;
  readonly backend_type: string;
  readonly config: { readonly [key: string]: PlainValue };
  readonly required: boolean;
}

export function routeRecord(route: ResolvedRoute, config: { readonly [key: string]: PlainValue }): ResourceRouteRecord {
  return {
    resource_kind: route.kind,
    tenant_id: route.tenant,
    env: route.env,
    project_id: route.project,
    backend_type: route.backend.type,
    config,
    required: route.required,
  };
}

/** Firestore REST fields of a route document, keys sorted at every level. */
export function renderRouteFields(record: ResourceRouteRecord): FirestoreFields {
  return encodeFields(record as unknown as { [key: string]: PlainValue });
}

/** The exact string the program passes as `gcp.firestore.Document.fields`. */
export function renderRouteFieldsJson(record: ResourceRouteRecord): string {
  return JSON.stringify(renderRouteFields(record));
}

/**
 * One entry of the registered routing table, as one string (plain, known at preview):
 * "<documentId> <backendType> <backendName> <target or ->". Kind, tenant, env and
 * project are the parts of the document ID. One string rather than an object per route
 * keeps the table cheap for the engine and the pack to move at tens of thousands of
 * routes (see docs/benchmarks.md). Decoded by policy/core/view.ts.
 */
export function encodeTableEntry(route: ResolvedRoute, target: string | null): string {
  return `${route.documentId} ${route.backend.type} ${route.backendName} ${target ?? "-"}`;
}

