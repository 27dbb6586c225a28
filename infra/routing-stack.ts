// Assembles a stack: one component per declared backend, then the routing table whose
// documents depend on the backends they point at.
import * as pulumi from "@pulumi/pulumi";
import type { RouteTable } from "../routes/resolve";
import type { StackConfig } from "../lib/stack-config";
import type { BackendEndpoint } from "../lib/route-document";
import { BackendPlan, planBackends, REDIS_DEFAULT_VERSION, targetOf } from "./plan";
import { FirestoreDatabase } from "./firestore-database";
import { RedisInstance } from "./redis-instance";
import { S3Bucket } from "./s3-bucket";
import { PlannedRoute, RoutingTable } from "./routing-table";

export interface RoutingStackOptions {
  /** Envs held to production rules. @default ["prod"] */
  readonly protectedEnvs?: readonly string[];
}

interface Provisioned {
  readonly endpoint: BackendEndpoint<pulumi.Input<string>, pulumi.Input<number>>;
  readonly target: string | null;
  readonly resources: readonly pulumi.Resource[];
  readonly external: boolean;
}

function provision(plan: BackendPlan, production: boolean): Provisioned {
  const target = targetOf(plan);
  switch (plan.kind) {
    case "firestore": {
      const endpoint = { type: "firestore", project: plan.project, database: plan.database } as const;
      if (!plan.provision) return { endpoint, target, resources: [], external: true };
      const db = new FirestoreDatabase(plan.name, { project: plan.project, databaseId: plan.database, location: plan.location, production });
      return { endpoint, target, resources: [db], external: false };
    }
    case "redis": {
      const redis = new RedisInstance(plan.name, {
        project: plan.project,
        region: plan.region,
        instanceId: plan.instanceId,
        tier: plan.spec.tier,
        memorySizeGb: plan.spec.memorySizeGb,
        redisVersion: plan.spec.redisVersion ?? REDIS_DEFAULT_VERSION,
        authSecretId: plan.secretId,
        persistence: plan.persistence,
        production,
      });
      return {
        endpoint: { type: "redis", host: redis.host, port: redis.port, tls: plan.tls, authSecret: plan.authSecretName },
        target,
        // The secret version must exist before a route tells services to read it.
        resources: [redis],
        external: false,
      };
    }
    case "s3": {
      const endpoint = { type: "s3", bucket: plan.bucket, region: plan.region } as const;
      if (!plan.provision) return { endpoint, target, resources: [], external: true };
      const bucket = new S3Bucket(plan.name, { bucketName: plan.bucket, region: plan.region, production });
      return { endpoint, target, resources: [bucket], external: false };
    }
    case "ephemeral":
      return {
        endpoint: plan.spec.type === "local" ? { type: "local", path: plan.spec.path } : { type: plan.spec.type },
        target: null,
        resources: [],
        external: false,
      };
  }
}

export function createRoutingStack(config: StackConfig, table: RouteTable, options: RoutingStackOptions = {}) {
  const production = (options.protectedEnvs ?? ["prod"]).includes(config.env);
  const plans = planBackends(table, config, { protectedEnv: production });
  const provisioned = new Map<string, Provisioned>();
  for (const plan of plans) provisioned.set(plan.name, provision(plan, production));

  // When the registry database is one this stack provisions, documents wait for it.
  const registryTarget = `firestore:${config.registryProject}/${config.registryDatabase}`;
  const registryDependsOn = [...provisioned.values()].filter((p) => p.target === registryTarget && !p.external).flatMap((p) => p.resources);

  const routes: PlannedRoute[] = table.routes.map((route) => {
    const backend = provisioned.get(route.backendName)!;
    return { route, endpoint: backend.endpoint, target: backend.target, dependsOn: backend.resources };
  });
  const routingTable = new RoutingTable("routing-table", {
    env: config.env,
    project: config.registryProject,
    database: config.registryDatabase,
    collection: config.registryCollection,
    routesFile: table.file,
    routes,
    externalTargets: [...provisioned.values()].filter((p) => p.external && p.target !== null).map((p) => p.target!),
    tenants: table.tenants,
    projects: table.projects,
    registryDependsOn,
  });
  return { plans, provisioned, routingTable };
}
