// Rules for the parts of a route document ID: `{env}:{tenant_id}:{resource_kind}[:{project_id}]`.
//
// Firestore document IDs may not contain "/", may not be "." or "..", may not match
// `__.*__`, and must be at most 1,500 bytes. Because ":" separates the parts of our IDs,
// a part may not contain ":" either, or two scopes could map to one ID. We go further and
// allow a conservative character set, so that every ID is also safe in a Pulumi resource
// name, a shell and a URL path.

export const MAX_ID_PART_LENGTH = 64;
const ALLOWED_CHARACTERS = /^[A-Za-z0-9._-]+$/;

/** Returns every reason `value` is not a valid tenant / project ID part (empty when valid). */
export function idPartProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length === 0) {
    return ["it is empty"];
  }
  if (value.includes("/")) problems.push('it contains "/" (Firestore reads it as a path separator)');
  if (value.includes(":")) problems.push('it contains ":" (the separator of route document IDs)');
  if (value === "." || value === "..") problems.push('"." and ".." are not valid Firestore document IDs');
  if (/^__.*__$/.test(value)) problems.push("IDs matching __.*__ are reserved by Firestore");
  if (value.length > MAX_ID_PART_LENGTH) problems.push(`it is ${value.length} characters long; at most ${MAX_ID_PART_LENGTH} are allowed`);
  if (!ALLOWED_CHARACTERS.test(value) && !value.includes("/") && !value.includes(":")) {
    problems.push("only letters, digits, '.', '_' and '-' are allowed");
  }
  return problems;
}

export interface RouteScope {
  readonly env: string;
  readonly tenant: string;
  readonly kind: string;
  readonly project: string | null;
}

export function routeDocumentId(scope: RouteScope): string {
  const base = `${scope.env}:${scope.tenant}:${scope.kind}`;
  return scope.project === null ? base : `${base}:${scope.project}`;
}

/** Parses a route document ID; undefined when it does not have three or four non-empty parts. */
export function parseRouteDocumentId(documentId: string): RouteScope | undefined {
  const parts = documentId.split(":");
  if ((parts.length !== 3 && parts.length !== 4) || parts.some((part) => part.length === 0)) {
    return undefined;
  }
  const [env, tenant, kind, project] = parts;
  return { env, tenant, kind, project: project ?? null };
}

/** "chat_bus / t_beta" or "chat_bus / t_beta / p_launch": how messages name a route. */
export function describeScope(scope: { kind: string; tenant: string; project: string | null }): string {
  return scope.project === null ? `${scope.kind} / ${scope.tenant}` : `${scope.kind} / ${scope.tenant} / ${scope.project}`;
}
