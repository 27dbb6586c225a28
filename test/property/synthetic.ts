// The resources a stack registers for a route table, as the pack sees them at
// AnalyzeStack, built directly (no Pulumi runtime) so thousands of cases run quickly.
// The Analyzer-protocol sample in the property test checks this against the real program.
import type { RouteTable } from "../../routes/resolve";
import type { StackConfig } from "../../lib/stack-config";
import { renderDocuments } from "../../cli/render";
import { planBackends, targetOf } from "../../infra/plan";
import type { ResourceInput } from "../../policy/core/view";
import { UNKNOWN } from "../../lib/mock-engine";
import { encodeTableEntry } from "../../lib/route-document";

export function syntheticResources(table: RouteTable, config: StackConfig, unknownFields: readonly boolean[] = []): ResourceInput[] {
  const targets = new Map(planBackends(table, config, { protectedEnv: true }).map((p) => [p.name, targetOf(p)]));
  const docs = renderDocuments(table, config);
  const resources: ResourceInput[] = docs.map((doc, i) => ({
    urn: `urn:pulumi:prod::routing-infra::gcp:firestore/document:Document::${doc.documentId}`,
    type: "gcp:firestore/document:Document",
    name: doc.documentId,
    props: {
      collection: doc.collection,
      documentId: doc.documentId,
      database: "(default)",
      project: config.registryProject,
      fields: unknownFields[i % Math.max(1, unknownFields.length)] ? UNKNOWN : JSON.stringify(doc.fields),
    },
    protect: false,
    dependencies: [],
  }));
  resources.push({
    urn: "urn:pulumi:prod::routing-infra::routing-infra:registry:RoutingTable::routing-table",
    type: "routing-infra:registry:RoutingTable",
    name: "routing-table",
    props: {
      env: table.env,
      collection: config.registryCollection,
      routesFile: table.file,
      externalTargets: [],
      tenants: [...table.tenants],
      projects: table.projects,
      routes: table.routes.map((r) => encodeTableEntry(r, targets.get(r.backendName) ?? null)),
    },
    protect: false,
    dependencies: [],
  });
  return resources;
}
