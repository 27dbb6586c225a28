// From a route file's default export to the concrete list of routes: pure, no I/O.
//
// Precedence, most specific first (the runtime reads the same order):
//   1. an override for (tenant, project, kind)
//   2. an override for (tenant, kind)          -- also applies to the tenant's projects
//   3. the default route of the kind           -- `routes.<kind>`
// Every declared project gets its own full set of documents, so a project never depends
// on the runtime falling back to its tenant's routes.
//
// All problems are collected and reported together, each naming the file, the route
// and the field, the value found, and what is allowed.
import { z } from "zod";
import {
  DURABLE_BACKEND_TYPES,
  Env,
  isDurableBackendType,
  KIND_CATALOG,
  RESOURCE_KINDS,
  ResourceKind,
} from "./catalog";
import { AcknowledgedSwitch, BackendSpec, DefaultRoute, knownKeysAt, Override, RouteFileSections } from "./schema";
import { describeScope, routeDocumentId } from "../lib/identifiers";
import { didYouMean, InputError, Problem } from "../lib/problems";

export type RouteSource = "default" | "tenant override" | "project override";

/** One concrete route: what one ResourceRoute document says. */
export interface ResolvedRoute {
  readonly kind: ResourceKind;
  readonly tenant: string;
  readonly project: string | null;
  readonly env: Env;
  readonly backendName: string;
  readonly backend: BackendSpec;
  readonly required: boolean;
  /** Firestore collection of the kind's data; null for non-Firestore backends. */
  readonly collection: string | null;
  readonly documentId: string;
  readonly source: RouteSource;
}

export interface RouteTable {
  readonly file: string;
  readonly env: Env;
  readonly tenants: readonly string[];
  readonly projects: Readonly<Record<string, readonly string[]>>;
  readonly backends: Readonly<Record<string, BackendSpec>>;
  /** Sorted by tenant, project (unscoped first), kind. */
  readonly routes: readonly ResolvedRoute[];
  readonly acknowledgedSwitches: readonly AcknowledgedSwitch[];
}

export interface ResolveOptions {
  /** Envs held to production rules (durable backends only). @default ["prod"] */
  readonly protectedEnvs?: readonly string[];
  /**
   * "all" (the program): the file must also satisfy the contract's rules (durable
   * backends in protected envs, every required kind routed). "structure" (the gate):
   * only what is needed to build the documents, so a candidate file that breaks the
   * contract still renders and the policy pack judges it. @default "all"
   */
  readonly checks?: "all" | "structure";
}

const SECTION_NAMES = Object.keys(RouteFileSections) as (keyof typeof RouteFileSections)[];
const OPTIONAL_SECTIONS = new Set(["projects", "overrides", "acknowledgedSwitches"]);

type Sections = {
  env?: Env;
  tenants?: string[];
  projects?: Record<string, string[]>;
  backends?: Record<string, BackendSpec>;
  routes?: Partial<Record<ResourceKind, DefaultRoute>>;
  overrides?: Override[];
  acknowledgedSwitches?: AcknowledgedSwitch[];
};

export function validateRouteFile(
  raw: unknown,
  file: string,
  options: ResolveOptions = {},
): { table: RouteTable; problems: [] } | { table: undefined; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = (field: string, message: string, route?: string) => problems.push({ file, field, message, route });

  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    report("(default export)", `expected the object returned by defineRoutes({...}), found ${describeValue(raw)}`);
    return { table: undefined, problems };
  }
  const input = raw as Record<string, unknown>;

  for (const key of Object.keys(input)) {
    if (!(SECTION_NAMES as string[]).includes(key)) {
      report(fieldPath([key]), `unknown key ${JSON.stringify(key)}${didYouMean(key, SECTION_NAMES)}; a route file has ${SECTION_NAMES.join(", ")}`);
    }
  }

  // zod drops a "__proto__" key silently (prototype-pollution guard); say so instead.
  for (const section of ["backends", "routes", "projects"]) {
    const value = input[section];
    if (value !== null && typeof value === "object" && Object.prototype.hasOwnProperty.call(value, "__proto__")) {
      report(fieldPath([section, "__proto__"]), `"__proto__" cannot be used as a name; rename it`);
    }
  }

  // Each section is parsed on its own, so one broken section does not hide the
  // problems of the others.
  const sections: Sections = {};
  // Entries of a section that failed to parse: references to them are not reported again.
  const broken: Broken = { backends: new Set(), kinds: new Set() };
  for (const name of SECTION_NAMES) {
    if (input[name] === undefined) {
      if (!OPTIONAL_SECTIONS.has(name)) report(name, `missing; every route file declares ${name}`);
      continue;
    }
    const parsed = (RouteFileSections[name] as z.ZodType).safeParse(input[name], { reportInput: true });
    if (parsed.success) {
      (sections as Record<string, unknown>)[name] = parsed.data;
      continue;
    }
    for (const issue of parsed.error.issues) {
      const path = [name, ...issue.path.map(String)];
      if (issue.code === "unrecognized_keys") {
        // One problem per misspelled key, each with its own route and "did you mean".
        const known = knownKeysAt(path, input);
        for (const key of issue.keys) {
          const keyPath = [...path, key];
          const what = name === "routes" && path.length === 1 ? "resource kind" : "key";
          report(
            fieldPath(keyPath),
            `unknown ${what} "${key}"${didYouMean(key, known)}; ${known.length > 0 ? `allowed: ${known.join(", ")}` : "remove it"}`,
            routeOfPath(keyPath, input),
          );
        }
        continue;
      }
      report(fieldPath(path), issueMessage(issue), routeOfPath(path, input));
    }
    salvage(name, input[name], sections, broken);
  }

  const protectedEnvs = options.protectedEnvs ?? ["prod"];
  const contractChecks = options.checks !== "structure";
  const isProtected = contractChecks && sections.env !== undefined && protectedEnvs.includes(sections.env);
  const tenants = sections.tenants ?? [];
  const backends = sections.backends;
  const projects = sections.projects ?? {};

  duplicates(tenants).forEach((tenant) => report("tenants", `tenant "${tenant}" is listed more than once`));

  for (const [tenant, list] of Object.entries(projects)) {
    if (sections.tenants && !tenants.includes(tenant)) {
      report(fieldPath(["projects", tenant]), `tenant "${tenant}" is not declared${didYouMean(tenant, tenants)}; declared tenants: ${tenants.join(", ")}`);
    }
    duplicates(list).forEach((project) => report(fieldPath(["projects", tenant]), `project "${project}" is listed more than once`));
  }

  // A backend reference must name a declared backend of a type the kind accepts, and a
  // durable one in a protected env.
  const checkBackendRef = (kind: ResourceKind, name: string, field: string, route: string) => {
    if (!backends || broken.backends.has(name)) return;
    const backend = own(backends, name);
    if (!backend) {
      const known = Object.keys(backends).sort();
      report(field, `unknown backend "${name}"${didYouMean(name, known)}; declared backends: ${known.join(", ") || "(none)"}`, route);
      return;
    }
    const allowed: readonly string[] = KIND_CATALOG[kind].allowedBackends;
    if (!allowed.includes(backend.type)) {
      report(field, `backend "${name}" is ${backend.type}, which ${kind} cannot use; ${kind} accepts ${allowed.join(", ")}`, route);
      return;
    }
    if (isProtected && !isDurableBackendType(backend.type)) {
      report(
        field,
        `backend "${name}" is ${backend.type}, which is ephemeral; ${sections.env} routes only to durable backends (${DURABLE_BACKEND_TYPES.join(", ")})`,
        route,
      );
    }
  };

  const defaults = sections.routes ?? {};
  for (const kind of RESOURCE_KINDS) {
    const row = defaults[kind];
    if (row) checkBackendRef(kind, row.backend, `routes.${kind}.backend`, `${kind} (default)`);
  }

  const overrides = sections.overrides ?? [];
  const seenOverride = new Map<string, { index: number; backend: string }>();
  overrides.forEach((override, index) => {
    if (!override) return; // did not parse; already reported
    const scope = { kind: override.kind, tenant: override.tenant, project: override.project ?? null };
    const route = describeScope(scope);
    const field = `overrides[${index}]`;
    if (sections.tenants && !tenants.includes(override.tenant)) {
      report(`${field}.tenant`, `tenant "${override.tenant}" is not declared${didYouMean(override.tenant, tenants)}; declared tenants: ${tenants.join(", ")}`, route);
    } else if (override.project !== undefined && !(own(projects, override.tenant) ?? []).includes(override.project)) {
      const declared = own(projects, override.tenant) ?? [];
      report(
        `${field}.project`,
        `project "${override.project}" is not declared for tenant "${override.tenant}"${didYouMean(override.project, declared)}; declare it under projects.${override.tenant} (declared: ${declared.join(", ") || "none"})`,
        route,
      );
    }
    checkBackendRef(override.kind, override.backend, `${field}.backend`, route);
    const key = JSON.stringify([scope.kind, scope.tenant, scope.project]);
    const earlier = seenOverride.get(key);
    if (earlier) {
      report(
        field,
        earlier.backend === override.backend
          ? `duplicate override: overrides[${earlier.index}] already routes this scope to "${override.backend}"; delete one`
          : `conflicting overrides: overrides[${earlier.index}] routes this scope to "${earlier.backend}", this one to "${override.backend}"; keep one`,
        route,
      );
    } else {
      seenOverride.set(key, { index, backend: override.backend });
    }
  });

  // Two backends must not provision the same bucket or database.
  if (backends) {
    const owners = new Map<string, string>();
    for (const [name, backend] of Object.entries(backends).sort(([a], [b]) => a.localeCompare(b))) {
      const identity =
        backend.type === "s3" ? `S3 bucket "${backend.bucket}"` : backend.type === "firestore" ? `Firestore database "${backend.database}"${backend.project ? ` in ${backend.project}` : ""}` : undefined;
      if (!identity) continue;
      const owner = owners.get(identity);
      if (owner) report(`backends.${name}`, `${identity} is already declared by backend "${owner}"; declare it once and route both kinds to that name`, name);
      else owners.set(identity, name);
    }
  }

  (sections.acknowledgedSwitches ?? []).forEach((ack, index) => {
    if (ack.tenant !== undefined && sections.tenants && !tenants.includes(ack.tenant)) {
      report(`acknowledgedSwitches[${index}].tenant`, `tenant "${ack.tenant}" is not declared; declared tenants: ${tenants.join(", ")}`, ack.kind);
    }
    if (backends && !own(backends, ack.to)) {
      report(`acknowledgedSwitches[${index}].to`, `unknown backend "${ack.to}"${didYouMean(ack.to, Object.keys(backends))}`, ack.kind);
    }
  });

  // Completeness: every required kind routed for every scope. A kind with neither a
  // default nor overrides for everyone is reported once, naming the scopes it misses.
  if (contractChecks && sections.tenants && sections.routes) {
    const scopes = tenants.flatMap((tenant) => [
      { tenant, project: null as string | null },
      ...(own(projects, tenant) ?? []).map((project) => ({ tenant, project: project as string | null })),
    ]);
    for (const kind of RESOURCE_KINDS) {
      if (!KIND_CATALOG[kind].required || defaults[kind] || broken.kinds.has(kind)) continue;
      const missing = scopes.filter(
        (scope) => !findOverride(overrides, kind, scope.tenant, scope.project) && !findOverride(overrides, kind, scope.tenant, null),
      );
      if (missing.length > 0) {
        const names = missing.map((s) => (s.project === null ? s.tenant : `${s.tenant} / ${s.project}`));
        report(
          `routes.${kind}`,
          `required kind ${kind} has no route for ${names.join(", ")}; add routes.${kind} (a default for every tenant) or an override per tenant (the ${sections.env ?? "stack's"} runtime refuses to start without it)`,
          kind,
        );
      }
    }
  }

  if (problems.length > 0 || !sections.env || !sections.tenants || !backends || !sections.routes) {
    return { table: undefined, problems };
  }

  const env = sections.env;
  const routes: ResolvedRoute[] = [];
  for (const tenant of [...tenants].sort()) {
    for (const project of [null, ...[...(own(projects, tenant) ?? [])].sort()]) {
      for (const kind of RESOURCE_KINDS) {
        const projectOverride = project === null ? undefined : findOverride(overrides, kind, tenant, project);
        const tenantOverride = findOverride(overrides, kind, tenant, null);
        const chosen = projectOverride ?? tenantOverride ?? defaults[kind];
        if (!chosen) continue; // an optional kind nobody routes
        const source: RouteSource = projectOverride ? "project override" : tenantOverride ? "tenant override" : "default";
        const backend = own(backends, chosen.backend)!;
        routes.push({
          kind,
          tenant,
          project,
          env,
          backendName: chosen.backend,
          backend,
          required: KIND_CATALOG[kind].required,
          collection: backend.type === "firestore" ? (chosen.collection ?? kind) : null,
          documentId: routeDocumentId({ env, tenant, kind, project }),
          source,
        });
      }
    }
  }

  return {
    table: {
      file,
      env,
      tenants: [...tenants],
      projects,
      backends,
      routes,
      acknowledgedSwitches: sections.acknowledgedSwitches ?? [],
    },
    problems: [],
  };
}

/** Like `validateRouteFile`, but throws an InputError listing every problem. */
export function resolveRouteFile(raw: unknown, file: string, options: ResolveOptions = {}): RouteTable {
  const result = validateRouteFile(raw, file, options);
  if (!result.table) {
    throw new InputError(`${file} does not validate (${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}):`, result.problems);
  }
  return result.table;
}

/** The override for exactly this scope (project null: the tenant-wide one). */
function findOverride(overrides: readonly Override[], kind: ResourceKind, tenant: string, project: string | null) {
  return overrides.find((o) => o !== undefined && o.kind === kind && o.tenant === tenant && (o.project ?? null) === project);
}

/**
 * A record lookup by a user-written key that ignores the prototype: a tenant named
 * "toString" or a backend named "constructor" is just an unknown name.
 */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

interface Broken {
  readonly backends: Set<string>;
  readonly kinds: Set<string>;
}

/**
 * When a record or list section fails to parse, keeps its valid entries so that the
 * cross-row checks still run on them; a list keeps its indexes (invalid entries become
 * holes) so messages name the right row.
 */
function salvage(name: string, value: unknown, sections: Sections, broken: Broken): void {
  const isRecord = value !== null && typeof value === "object" && !Array.isArray(value);
  if (name === "backends" && isRecord) {
    const valid: Record<string, BackendSpec> = Object.create(null);
    for (const [key, entry] of Object.entries(value as object)) {
      const parsed = BackendSpec.safeParse(entry);
      if (parsed.success) valid[key] = parsed.data;
      else broken.backends.add(key);
    }
    sections.backends = valid;
  } else if (name === "routes" && isRecord) {
    const valid: Partial<Record<ResourceKind, DefaultRoute>> = {};
    for (const [key, entry] of Object.entries(value as object)) {
      const parsed = DefaultRoute.safeParse(entry);
      if (parsed.success && (RESOURCE_KINDS as readonly string[]).includes(key)) valid[key as ResourceKind] = parsed.data;
      else broken.kinds.add(key);
    }
    sections.routes = valid;
  } else if (name === "overrides" && Array.isArray(value)) {
    sections.overrides = value.map((entry) => {
      const parsed = Override.safeParse(entry);
      if (!parsed.success && typeof entry?.kind === "string") broken.kinds.add(entry.kind);
      return parsed.success ? parsed.data : (undefined as unknown as Override);
    });
  }
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

/** "overrides[2].backend"; a key that is not a plain name is quoted: 'backends[""]'. */
function fieldPath(path: readonly string[]): string {
  return path.reduce((acc, part) => {
    if (/^\d+$/.test(part)) return `${acc}[${part}]`;
    if (!/^[A-Za-z_$][\w$-]*$/.test(part)) return `${acc}[${JSON.stringify(part)}]`;
    return acc ? `${acc}.${part}` : part;
  }, "");
}

/** Names the route a schema problem belongs to, when the path says so. */
function routeOfPath(path: readonly string[], input: Record<string, unknown>): string | undefined {
  const [section, key] = path;
  if (section === "routes" && key !== undefined) return `${key} (default)`;
  if (section === "backends" && key !== undefined) return key;
  if (section === "overrides" && key !== undefined) {
    const row = (input.overrides as unknown[] | undefined)?.[Number(key)] as Record<string, unknown> | undefined;
    if (row && typeof row.kind === "string" && typeof row.tenant === "string") {
      return describeScope({ kind: row.kind, tenant: row.tenant, project: typeof row.project === "string" ? row.project : null });
    }
  }
  return undefined;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_key":
      return issue.issues.map((inner) => inner.message).join("; ");
    case "invalid_type":
      return issue.input === undefined ? `missing; expected ${issue.expected}` : `expected ${issue.expected}, found ${describeValue(issue.input)}`;
    default:
      return issue.message;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (undefined)";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
