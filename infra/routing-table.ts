import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedRoute } from "../routes/resolve";
import { BackendEndpoint, encodeTableEntry, renderRouteFieldsJson, routeConfig, routeRecord } from "../lib/route-document";
import type { PlainValue } from "../lib/firestore-fields";

export const ROUTING_TABLE_TYPE = "routing-infra:registry:RoutingTable";

export interface PlannedRoute {
  readonly route: ResolvedRoute;
  readonly endpoint: BackendEndpoint<pulumi.Input<string>, pulumi.Input<number>>;
  /** What the route points at ("firestore:proj/db", "redis:instance-id", "s3:bucket"), for consistency checks. */
  readonly target: string | null;
  /** The resources that must exist before the document may point at them. */
  readonly dependsOn: readonly pulumi.Resource[];
}

export interface RoutingTableArgs {
  readonly env: string;
  /** GCP project, database and collection of the routing registry. */
  readonly project: string;
  readonly database: string;
  readonly collection: string;
  /** The route file the table came from, named in policy messages. */
  readonly routesFile: string;
  readonly routes: readonly PlannedRoute[];
  /** Targets that exist outside the stack (external: true backends). */
  readonly externalTargets: readonly string[];
  /** Every tenant and tenant+project the route file declares: the scopes the stack serves. */
  readonly tenants: readonly string[];
  readonly projects: Readonly<Record<string, readonly string[]>>;
  /** Extra dependencies of every document, e.g. the registry database when this stack provisions it. */
  readonly registryDependsOn?: readonly pulumi.Resource[];
}

/**
 * Writes one ResourceRoute document per route, and registers the table as plain
 * outputs so the policy pack can judge routes at preview, when a document's `fields`
 * is still unknown (it embeds outputs such as a Redis host).
 */
export class RoutingTable extends pulumi.ComponentResource {
  readonly documents: Readonly<Record<string, gcp.firestore.Document>>;

  constructor(name: string, args: RoutingTableArgs, opts?: pulumi.ComponentResourceOptions) {
    super(ROUTING_TABLE_TYPE, name, {}, opts);
    const documents: Record<string, gcp.firestore.Document> = {};
    for (const planned of args.routes) {
      const { route } = planned;
      const fields = pulumi
        .output(routeConfig(route, planned.endpoint))
        .apply((config) => renderRouteFieldsJson(routeRecord(route, config as Record<string, PlainValue>)));
      documents[route.documentId] = new gcp.firestore.Document(
        route.documentId,
        { project: args.project, database: args.database, collection: args.collection, documentId: route.documentId, fields },
        {
          parent: this,
          dependsOn: [...planned.dependsOn, ...(args.registryDependsOn ?? [])],
          // The ID is the scope: a replacement must delete the old document before
          // creating the new one, or the delete would remove the new document.
          deleteBeforeReplace: true,
        },
      );
    }
    this.documents = documents;
    // One plain string per route (lib/route-document.ts): known at preview, cheap to move.
    const entries = args.routes.map(({ route, target }) => encodeTableEntry(route, target));
    this.registerOutputs({
      env: args.env,
      project: args.project,
      database: args.database,
      collection: args.collection,
      routesFile: args.routesFile,
      externalTargets: [...args.externalTargets],
      tenants: [...args.tenants],
      projects: Object.fromEntries(Object.entries(args.projects).map(([tenant, list]) => [tenant, [...list]])),
      routes: entries,
    });
  }
}
