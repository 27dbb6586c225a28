// Compares the live registry with what the route files say. Pure.
//
// Differences are classified so the dangerous ones come first:
//   downgrade        a durable route that is (or would become) ephemeral in a protected env
//   stateful-switch  a stateful kind whose backend or data location differs (data would move)
//   missing          in the route files, not in the registry (a service may not start)
//   unexpected       in the registry, not in the route files
//   changed          any other field difference
import { isDurableBackendType, isResourceKind, KIND_CATALOG } from "../routes/catalog";
import type { PlainValue } from "./firestore-fields";
import { describeScope, parseRouteDocumentId } from "./identifiers";
import type { ResourceRouteRecord } from "./route-document";
import { isLiteralCredential } from "./credentials";

export type DriftClass = "downgrade" | "stateful-switch" | "missing" | "unexpected" | "changed";
export const DRIFT_ORDER: readonly DriftClass[] = ["downgrade", "stateful-switch", "missing", "unexpected", "changed"];

export interface FieldChange {
  readonly path: string;
  readonly expected: PlainValue | undefined;
  readonly live: PlainValue | undefined;
}

export interface DriftItem {
  readonly class: DriftClass;
  readonly documentId: string;
  /** "chat_bus / t_beta[ / p_x]" */
  readonly scope: string;
  readonly summary: string;
  readonly changes: readonly FieldChange[];
}

export interface ExpectedDocument {
  readonly documentId: string;
  readonly record: ResourceRouteRecord;
}

/** Values that exist only after deployment: render's placeholders match any non-empty string. */
export function isDeployTimePlaceholder(value: unknown): boolean {
  return typeof value === "string" && /^\(host of .+, known after deployment\)$/.test(value);
}


/** Never print a credential found in the live registry: keep references, redact literals. */
export function redact(path: string, value: PlainValue | undefined): PlainValue | undefined {
  const key = path.split(".").pop() ?? "";
  if (isLiteralCredential(key, value)) {
    return "(redacted)";
  }
  return value;
}

function flatten(value: unknown, path: string, out: Map<string, PlainValue>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value as object);
    if (keys.length === 0 && path) out.set(path, {});
    for (const key of keys) flatten((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, out);
  } else {
    out.set(path, normalize(value));
  }
}

function normalize(value: unknown): PlainValue {
  if (value === undefined) return null;
  if (typeof value === "object" && value !== null && typeof (value as { toDate?: unknown }).toDate === "function") {
    return String((value as { toDate(): Date }).toDate().toISOString());
  }
  return value as PlainValue;
}

function fieldChanges(expected: ResourceRouteRecord, live: Record<string, unknown>): FieldChange[] {
  const want = new Map<string, PlainValue>();
  const have = new Map<string, PlainValue>();
  flatten(expected, "", want);
  flatten(live, "", have);
  const changes: FieldChange[] = [];
  for (const path of [...new Set([...want.keys(), ...have.keys()])].sort()) {
    const e = want.get(path);
    const l = have.get(path);
    if (isDeployTimePlaceholder(e) && typeof l === "string" && l !== "") continue;
    if (JSON.stringify(e) !== JSON.stringify(l)) changes.push({ path, expected: redact(path, e), live: redact(path, l) });
  }
  return changes;
}

/** Config keys that say *where* the data is: a change to one moves a stateful kind's data. */
const LOCATION_KEYS = ["config.bucket", "config.region", "config.project", "config.database", "config.collection", "config.host", "config.port", "config.path"];

export function compareRegistry(
  expected: readonly ExpectedDocument[],
  live: readonly { id: string; data: Record<string, unknown> }[],
  options: { readonly env: string; readonly protectedEnvs?: readonly string[] },
): DriftItem[] {
  const isProtected = (options.protectedEnvs ?? ["prod"]).includes(options.env);
  const liveById = new Map(live.map((d) => [d.id, d.data]));
  const expectedIds = new Set(expected.map((d) => d.documentId));
  const items: DriftItem[] = [];

  for (const want of expected) {
    const r = want.record;
    const scope = describeScope({ kind: r.resource_kind, tenant: r.tenant_id, project: r.project_id });
    const data = liveById.get(want.documentId);
    if (!data) {
      items.push({ class: "missing", documentId: want.documentId, scope, summary: `no document; the route files say ${r.backend_type}${r.required ? " (required: services refuse to start)" : ""}`, changes: [] });
      continue;
    }
    const changes = fieldChanges(r, data);
    if (changes.length === 0) continue;
    const liveType = data.backend_type;
    const typeChanged = liveType !== r.backend_type;
    const stateful = isResourceKind(r.resource_kind) && KIND_CATALOG[r.resource_kind].stateful;
    const locationChanged = typeChanged || changes.some((c) => LOCATION_KEYS.includes(c.path));
    let cls: DriftClass = "changed";
    let summary = changes.map((c) => `${c.path} ${JSON.stringify(c.expected ?? null)} in code, ${JSON.stringify(c.live ?? null)} live`).join("; ");
    if (isProtected && typeChanged && (isDurableBackendType(r.backend_type) !== isDurableBackendType(liveType))) {
      cls = "downgrade";
      summary = isDurableBackendType(r.backend_type)
        ? `live routes to ${String(liveType)} (ephemeral) where the route files say ${r.backend_type}`
        : `the route files route to ${r.backend_type} (ephemeral) where live says ${String(liveType)}: the next pulumi up would downgrade it`;
    } else if (stateful && locationChanged) {
      cls = "stateful-switch";
      summary = `${r.resource_kind} is stateful and its data location differs: ${summary}`;
    }
    items.push({ class: cls, documentId: want.documentId, scope, summary, changes });
  }

  for (const doc of live) {
    if (expectedIds.has(doc.id)) continue;
    const parsed = parseRouteDocumentId(doc.id);
    const env = typeof doc.data.env === "string" ? doc.data.env : parsed?.env;
    if (env !== undefined && env !== options.env) continue; // another env's document
    const scope = parsed ? describeScope(parsed) : doc.id;
    const type = String(doc.data.backend_type ?? "unknown");
    const ephemeral = !isDurableBackendType(doc.data.backend_type);
    items.push({
      class: isProtected && ephemeral ? "downgrade" : "unexpected",
      documentId: doc.id,
      scope,
      summary: `in the registry but not in the route files (backend ${type}${isProtected && ephemeral ? ", ephemeral" : ""})`,
      changes: [],
    });
  }

  return items.sort((a, b) => DRIFT_ORDER.indexOf(a.class) - DRIFT_ORDER.indexOf(b.class) || a.documentId.localeCompare(b.documentId));
}
