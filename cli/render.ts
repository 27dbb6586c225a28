// Rendering a stack's route documents without cloud access. Pure.
import type { RouteTable } from "../routes/resolve";
import type { StackConfig } from "../lib/stack-config";
import { planBackends, placeholderEndpoint } from "../infra/plan";
import { renderRouteFields, routeConfig, routeRecord } from "../lib/route-document";
import type { FirestoreFields, PlainValue } from "../lib/firestore-fields";

export interface RenderedDocument {
  readonly collection: string;
  readonly documentId: string;
  readonly fields: FirestoreFields;
}

export function renderDocuments(table: RouteTable, config: StackConfig, protectedEnvs: readonly string[] = ["prod"]): RenderedDocument[] {
  const plans = new Map(planBackends(table, config, { protectedEnv: protectedEnvs.includes(config.env) }).map((plan) => [plan.name, plan]));
  return table.routes.map((route) => {
    const endpoint = placeholderEndpoint(plans.get(route.backendName)!);
    const record = routeRecord(route, routeConfig(route, endpoint) as Record<string, PlainValue>);
    return { collection: config.registryCollection, documentId: route.documentId, fields: renderRouteFields(record) };
  });
}

/**
 * The routing table as a reviewer reads it: one row per kind, one column per tenant
 * (and tenant / project), each cell "backendName (type)". A "*" marks an override.
 */
export function formatRouteTable(table: RouteTable): string {
  const scopes: { key: string; label: string }[] = [];
  for (const route of table.routes) {
    const key = `${route.tenant}\u0000${route.project ?? ""}`;
    if (!scopes.some((s) => s.key === key)) scopes.push({ key, label: route.project === null ? route.tenant : `${route.tenant} / ${route.project}` });
  }
  const kinds = [...new Set(table.routes.map((r) => r.kind))];
  const cell = new Map<string, string>();
  for (const r of table.routes) {
    cell.set(`${r.kind}\u0001${r.tenant}\u0000${r.project ?? ""}`, `${r.backendName} (${r.backend.type})${r.source === "default" ? "" : " *"}`);
  }
  const rows = [["kind", ...scopes.map((s) => s.label)], ...kinds.map((kind) => [kind, ...scopes.map((s) => cell.get(`${kind}\u0001${s.key}`) ?? "-")])];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((text, column) => text.padEnd(widths[column])).join("  ").trimEnd();
  return [
    `${table.file} (env ${table.env}): ${table.routes.length} routes, ${table.tenants.length} tenants`,
    line(rows[0]),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.slice(1).map(line),
    "* override (tenant or project)",
  ].join("\n");
}
