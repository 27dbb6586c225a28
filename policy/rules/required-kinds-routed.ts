import { REQUIRED_KINDS } from "../../routes/catalog";
import { routeDocumentId } from "../../lib/identifiers";
import { envLabel, Finding, Rule, stringList } from "../core/rule";
import { UNKNOWN } from "../core/values";

/**
 * Contract rule 2: every required kind is routed for every tenant (and tenant+project)
 * the stack serves. Scopes served are those any document or routing-table entry names,
 * plus `tenants` from the policy config (so dropping a whole tenant is caught too).
 * A protected stack that writes no route document at all is a violation.
 */
export const requiredKindsRouted: Rule = {
  name: "routing-required-kinds-routed",
  description: "In production every required resource kind has a route document for every tenant and tenant+project the stack serves.",
  severity: "critical",
  configSchema: {
    requiredKinds: { type: "array", items: { type: "string" }, default: [...REQUIRED_KINDS], description: "Kinds the runtime refuses to start without." },
    tenants: { type: "array", items: { type: "string" }, default: [], description: "Tenants the stack must serve even if no document names them." },
  },
  evaluate(view, config) {
    if (!view.isProtected) return [];
    const env = envLabel(view);
    const required = stringList(config, "requiredKinds", REQUIRED_KINDS);
    if (view.documents.length === 0) {
      return [
        {
          message: `stack ${view.stack} (env ${env}) writes no route documents to collection ${view.registryCollection}; every required kind must be routed for every tenant. Declare the routes in ${view.routesFile}.`,
        },
      ];
    }
    const scopes = new Map<string, { tenant: string; project: string | null }>();
    const addScope = (tenant: string, project: string | null) => scopes.set(JSON.stringify([tenant, project]), { tenant, project });
    for (const tenant of stringList(config, "tenants", [])) addScope(tenant, null);
    for (const tenant of view.table?.tenants ?? []) addScope(tenant, null);
    for (const [tenant, projects] of Object.entries(view.table?.projects ?? {})) for (const project of projects) addScope(tenant, project);
    for (const entry of view.table?.entries ?? []) addScope(entry.tenant, entry.project);
    const routed = new Set<string>();
    for (const doc of view.documents) {
      if (doc.tenant === UNKNOWN || doc.project === UNKNOWN) continue;
      addScope(doc.tenant, doc.project);
      if (doc.kind !== UNKNOWN) routed.add(JSON.stringify([doc.tenant, doc.project, doc.kind]));
    }
    const findings: Finding[] = [];
    for (const { tenant, project } of [...scopes.values()].sort((a, b) => `${a.tenant}:${a.project}`.localeCompare(`${b.tenant}:${b.project}`))) {
      for (const kind of required) {
        if (routed.has(JSON.stringify([tenant, project, kind]))) continue;
        const scope = project === null ? `tenant ${tenant}` : `tenant ${tenant} / project ${project}`;
        findings.push({
          message: `${env} ${scope} has no route for required kind ${kind} (expected document ${routeDocumentId({ env, tenant, kind, project })}); the runtime refuses to start without it. Add the route in ${view.routesFile}.`,
        });
      }
    }
    return findings;
  },
};
