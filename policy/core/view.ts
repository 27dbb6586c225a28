// Builds the pack's view of a stack from its resources: the route documents in the
// registry collection, what decides each one's verdict, and where each value came from.
// Pure: the pack, the offline gate and the tests all go through here.
//
// Deciding values (kind, tenant, env, project, backend type) come from, in order:
//   1. the document's own `fields`, when known;
//   2. the routing table the program registered (plain values, known at preview);
//   3. the document ID (kind, tenant, env, project; never the backend type).
// A value none of these knows stays UNKNOWN, and every rule that needs it fails closed.
import { decodeFields, FirestoreFields, PlainValue } from "../../lib/firestore-fields";
import { parseRouteDocumentId, RouteScope } from "../../lib/identifiers";
import { isUnknown, Known, obj, str, UNKNOWN } from "./values";
import { isResourceKind, KIND_CATALOG } from "../../routes/catalog";

export const DOCUMENT_TYPE = "gcp:firestore/document:Document";
export const ROUTING_TABLE_TYPE = "routing-infra:registry:RoutingTable";
export const DEFAULT_REGISTRY_COLLECTION = "resource_routes";

/** A resource as the pack sees it: outputs (AnalyzeStack), raw values, unknowns as sentinels. */
export interface ResourceInput {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly props: Readonly<Record<string, unknown>>;
  readonly protect: boolean;
  readonly dependencies: readonly string[];
}

export interface TableEntry {
  readonly documentId: string;
  readonly kind: string;
  readonly tenant: string;
  readonly project: string | null;
  readonly env: string;
  readonly backendType: string;
  readonly backendName: string;
  readonly required: boolean;
  readonly target: string | null;
}

export interface RoutingTableView {
  readonly urn: string;
  readonly env: string | undefined;
  readonly collection: string | undefined;
  readonly routesFile: string | undefined;
  readonly entries: readonly TableEntry[];
  readonly externalTargets: readonly string[];
  /** Scopes the route file declares, including any that no route names. */
  readonly tenants: readonly string[];
  readonly projects: Readonly<Record<string, readonly string[]>>;
}

export type ValueSource = "document" | "routing table" | "document ID" | "nowhere";

export interface RouteDocument {
  readonly urn: string;
  readonly name: string;
  readonly documentId: Known<string>;
  readonly collection: Known<string>;
  /** Decoded fields; UNKNOWN at preview when they embed an output not yet known; "invalid" when unreadable. */
  readonly fields: Known<Record<string, PlainValue>> | "invalid";
  /** The Firestore-encoded fields, for type checks (an integer port is `integerValue`). */
  readonly rawFields: FirestoreFields | undefined;
  readonly idScope: RouteScope | undefined;
  readonly tableEntry: TableEntry | undefined;
  readonly kind: Known<string>;
  readonly tenant: Known<string>;
  readonly env: Known<string>;
  readonly project: Known<string | null>;
  readonly backendType: Known<string>;
  readonly backendTypeSource: ValueSource;
  readonly config: Known<Record<string, PlainValue>> | undefined;
}

export interface StackContext {
  readonly stack: string;
  /** The stack's `routing-infra:env`, when set. */
  readonly configuredEnv: string | undefined;
  /** Envs held to production rules. */
  readonly protectedEnvs: readonly string[];
  /** Collection of route documents when no routing table names it. */
  readonly registryCollection?: string;
}

export interface StackView {
  readonly stack: string;
  readonly env: string | undefined;
  readonly isProtected: boolean;
  readonly protectedEnvs: readonly string[];
  readonly registryCollection: string;
  readonly table: RoutingTableView | undefined;
  readonly documents: readonly RouteDocument[];
  readonly resources: readonly ResourceInput[];
  /** "routes/prod.ts", or a description of where hand-written documents come from. */
  readonly routesFile: string;
}

export function buildStackView(resources: readonly ResourceInput[], context: StackContext): StackView {
  const table = readRoutingTable(resources);
  const registryCollection = table?.collection ?? context.registryCollection ?? DEFAULT_REGISTRY_COLLECTION;
  const entriesById = new Map((table?.entries ?? []).map((entry) => [entry.documentId, entry]));

  const documents: RouteDocument[] = [];
  for (const resource of resources) {
    if (resource.type !== DOCUMENT_TYPE) continue;
    const collection = str(resource.props.collection);
    // A document whose collection is unknown might be a route document: judge it.
    if (collection !== UNKNOWN && collection !== registryCollection) continue;
    documents.push(readDocumentOnce(resource, collection ?? UNKNOWN, entriesById));
  }

  const env = context.configuredEnv ?? table?.env;
  const protectedEnvs = context.protectedEnvs;
  // Fail closed: a stack is protected if its config says so, or if any route claims a protected env.
  const isProtected =
    (env !== undefined && protectedEnvs.includes(env)) ||
    documents.some((d) => d.env !== UNKNOWN && protectedEnvs.includes(d.env)) ||
    (table?.entries ?? []).some((e) => protectedEnvs.includes(e.env));

  return {
    stack: context.stack,
    env,
    isProtected,
    protectedEnvs,
    registryCollection,
    table,
    documents,
    resources,
    routesFile: table?.routesFile ?? `the program of stack ${context.stack} (no routing table registered)`,
  };
}

function readRoutingTable(resources: readonly ResourceInput[]): RoutingTableView | undefined {
  const resource = resources.find((r) => r.type === ROUTING_TABLE_TYPE);
  if (!resource) return undefined;
  const p = resource.props;
  const entries = Array.isArray(p.routes) ? p.routes.map(decodeTableEntry).filter((e): e is TableEntry => e !== undefined) : [];
  return {
    urn: resource.urn,
    env: typeof p.env === "string" ? p.env : undefined,
    collection: typeof p.collection === "string" && !isUnknown(p.collection) ? p.collection : undefined,
    routesFile: typeof p.routesFile === "string" ? p.routesFile : undefined,
    entries,
    externalTargets: Array.isArray(p.externalTargets) ? p.externalTargets.filter((t): t is string => typeof t === "string") : [],
    tenants: Array.isArray(p.tenants) ? p.tenants.filter((t): t is string => typeof t === "string" && !isUnknown(t)) : [],
    projects: readProjects(p.projects),
  };
}

function readProjects(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [tenant, list] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(list)) out[tenant] = list.filter((p): p is string => typeof p === "string" && !isUnknown(p));
  }
  return out;
}

/** Reads "<documentId> <backendType> <backendName> <target or ->" (lib/route-document.ts), memoized like fields. */
function decodeTableEntry(value: unknown): TableEntry | undefined {
  if (typeof value !== "string" || isUnknown(value)) return undefined;
  if (decodedEntries.has(value)) return decodedEntries.get(value);
  if (decodedEntries.size >= PARSED_FIELDS_LIMIT) decodedEntries.clear();
  const entry = decodeEntryText(value);
  decodedEntries.set(value, entry);
  return entry;
}

const decodedEntries = new Map<string, TableEntry | undefined>();

function decodeEntryText(value: string): TableEntry | undefined {
  const [documentId, backendType, backendName, target, ...rest] = value.split(" ");
  const scope = documentId === undefined ? undefined : parseRouteDocumentId(documentId);
  if (!scope || !backendType || !backendName || !target || rest.length > 0) return undefined;
  return {
    documentId,
    kind: scope.kind,
    tenant: scope.tenant,
    project: scope.project,
    env: scope.env,
    backendType,
    backendName,
    required: isResourceKind(scope.kind) ? KIND_CATALOG[scope.kind].required : true,
    target: target === "-" ? null : target,
  };
}

/**
 * Like the fields, a document's reading is the same for every policy of one AnalyzeStack:
 * reuse it when the same resource (URN) has the same fields text, ID, collection and
 * routing-table entry (entries are memoized, so the same entry is the same object).
 */
const readDocuments = new Map<string, Map<string, { documentId: unknown; collection: unknown; entry: TableEntry | undefined; doc: RouteDocument }>>();

function readDocumentOnce(resource: ResourceInput, collection: Known<string>, entries: Map<string, TableEntry>): RouteDocument {
  const text = resource.props.fields;
  if (typeof text !== "string") return readDocument(resource, collection, entries);
  const documentId = resource.props.documentId;
  const entry = typeof documentId === "string" ? entries.get(documentId) : undefined;
  let byUrn = readDocuments.get(text);
  const seen = byUrn?.get(resource.urn);
  if (seen && seen.documentId === documentId && seen.collection === collection && seen.entry === entry) return seen.doc;
  if (!byUrn) {
    if (readDocuments.size >= PARSED_FIELDS_LIMIT) readDocuments.clear();
    byUrn = new Map();
    readDocuments.set(text, byUrn);
  }
  const doc = readDocument(resource, collection, entries);
  byUrn.set(resource.urn, { documentId, collection, entry, doc });
  return doc;
}

function readDocument(resource: ResourceInput, collection: Known<string>, entries: Map<string, TableEntry>): RouteDocument {
  const documentId = str(resource.props.documentId) ?? UNKNOWN;
  const idScope = documentId === UNKNOWN ? undefined : parseRouteDocumentId(documentId);
  const tableEntry = documentId === UNKNOWN ? undefined : entries.get(documentId);

  let fields: Known<Record<string, PlainValue>> | "invalid" = UNKNOWN;
  let rawFields: FirestoreFields | undefined;
  const rawText = resource.props.fields;
  if (!isUnknown(rawText)) ({ fields, rawFields } = parseFields(rawText));
  const known = fields !== UNKNOWN && fields !== "invalid" ? fields : undefined;

  const pick = <T>(fromFields: T | undefined, fromTable: T | undefined, fromId: T | undefined): [Known<T>, ValueSource] => {
    if (known) return fromFields === undefined ? [UNKNOWN, "nowhere"] : [fromFields, "document"];
    if (tableEntry && fromTable !== undefined) return [fromTable, "routing table"];
    if (fromId !== undefined) return [fromId, "document ID"];
    return [UNKNOWN, "nowhere"];
  };
  const text = (v: PlainValue | undefined) => (typeof v === "string" ? v : undefined);
  const [kind] = pick(text(known?.resource_kind), tableEntry?.kind, idScope?.kind);
  const [tenant] = pick(text(known?.tenant_id), tableEntry?.tenant, idScope?.tenant);
  const [env] = pick(text(known?.env), tableEntry?.env, idScope?.env);
  const projectFromFields = known ? (known.project_id === null ? null : text(known.project_id)) : undefined;
  const [project] = pick<string | null>(projectFromFields, tableEntry?.project, idScope?.project);
  const [backendType, backendTypeSource] = pick(text(known?.backend_type), tableEntry?.backendType, undefined);
  const config = known ? (obj(known.config) as Record<string, PlainValue> | undefined) : UNKNOWN;

  return {
    urn: resource.urn,
    name: resource.name,
    documentId,
    collection,
    fields,
    rawFields,
    idScope,
    tableEntry,
    kind,
    tenant,
    env,
    project,
    backendType,
    backendTypeSource,
    config,
  };
}

type ParsedFields = { readonly fields: Record<string, PlainValue> | "invalid"; readonly rawFields: FirestoreFields | undefined };

/**
 * Parsing a document's fields is most of the cost of a view, and the policy SDK hands
 * every stack policy its own copy of the same resources: the same JSON text is parsed
 * once per AnalyzeStack instead of once per policy. The result is a pure function of the
 * text and is never mutated. Bounded, so a long-lived pack does not grow without end.
 */
const parsedFields = new Map<string, ParsedFields>();
const PARSED_FIELDS_LIMIT = 200_000;

function parseFields(rawText: unknown): ParsedFields {
  if (typeof rawText !== "string") return decode(rawText);
  let parsed = parsedFields.get(rawText);
  if (parsed === undefined) {
    if (parsedFields.size >= PARSED_FIELDS_LIMIT) parsedFields.clear();
    parsed = decode(rawText);
    parsedFields.set(rawText, parsed);
  }
  return parsed;
}

function decode(raw: unknown): ParsedFields {
  try {
    const rawFields = (typeof raw === "string" ? JSON.parse(raw) : raw) as FirestoreFields;
    return { fields: decodeFields(rawFields), rawFields };
  } catch {
    return { fields: "invalid", rawFields: undefined };
  }
}

/** How messages name a document's route: "chat_bus / t_beta (document prod:t_beta:chat_bus)". */
export function describeDocument(doc: RouteDocument): string {
  const part = (v: Known<string | null>) => (v === UNKNOWN ? "?" : v);
  const scope = doc.project === null ? `${part(doc.kind)} / ${part(doc.tenant)}` : `${part(doc.kind)} / ${part(doc.tenant)} / ${part(doc.project)}`;
  const id = doc.documentId === UNKNOWN ? `resource ${doc.name}, ID unknown at preview` : `document ${doc.documentId}`;
  return `${scope} (${id})`;
}

/** Where to fix a document: its route file, or the program for hand-written ones. */
export function whereToFix(view: StackView, doc: RouteDocument): string {
  return doc.tableEntry ? view.routesFile : `the program (document ${doc.documentId === UNKNOWN ? doc.name : doc.documentId} is not in the routing table of ${view.routesFile})`;
}
