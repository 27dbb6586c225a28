import { describeDocument, RouteDocument, StackView, whereToFix } from "../core/view";
import { Finding, Rule, stringList } from "../core/rule";
import { isUnknown, UNKNOWN } from "../core/values";
import { routeDocumentId } from "../../lib/identifiers";

/**
 * The registry must say one thing per scope, and point at things that exist:
 * - one document per scope (kind, tenant, env, project), and its ID matches its fields;
 * - a document agrees with the routing table the program registered;
 * - its target (database, Redis instance, bucket) is provisioned by the stack or named
 *   as external (in the route file, or in this policy's `externalTargets`).
 */
export const routeConsistency: Rule = {
  name: "routing-route-consistency",
  description: "One route document per scope, consistent with its ID and the routing table, pointing only at backends the stack provisions or names as external.",
  severity: "high",
  configSchema: {
    externalTargets: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: 'Backends that exist outside the stack: "s3:<bucket>", "firestore:<project>/<database>", "redis:<host>".',
    },
  },
  evaluate(view, config) {
    const findings: Finding[] = [];
    const external = new Set([...(view.table?.externalTargets ?? []), ...stringList(config, "externalTargets", [])]);
    const targets = provisionedTargets(view);

    // One document per scope.
    const seen = new Map<string, RouteDocument>();
    for (const doc of view.documents) {
      if (doc.kind === UNKNOWN || doc.tenant === UNKNOWN || doc.env === UNKNOWN || doc.project === UNKNOWN) continue;
      const key = JSON.stringify([doc.kind, doc.tenant, doc.env, doc.project]);
      const first = seen.get(key);
      if (first) {
        findings.push({
          urn: doc.urn,
          message: `route ${describeDocument(doc)} is a second document for the scope of ${describeDocument(first)}; the runtime would read one of them at random. Keep one, in ${view.routesFile}.`,
        });
      } else {
        seen.set(key, doc);
      }
    }

    for (const doc of view.documents) {
      findings.push(...idAgreesWithFields(view, doc));
      const entry = doc.tableEntry;
      if (entry && doc.fields !== UNKNOWN && doc.fields !== "invalid" && doc.fields.backend_type !== entry.backendType) {
        findings.push({
          urn: doc.urn,
          message: `route ${describeDocument(doc)} writes backend "${String(doc.fields.backend_type)}" but the routing table of ${view.routesFile} says "${entry.backendType}"; the program and the table disagree.`,
        });
      }
      const problem = targetProblem(doc, targets, external);
      if (problem) findings.push({ urn: doc.urn, message: `route ${describeDocument(doc)} ${problem}. Provision it in the stack, or declare it with external: true in ${whereToFix(view, doc)}.` });
    }
    return findings;
  },
};

function idAgreesWithFields(view: StackView, doc: RouteDocument): Finding[] {
  if (doc.documentId === UNKNOWN) return [];
  if (!doc.idScope) {
    return [
      {
        urn: doc.urn,
        message: `document ID "${doc.documentId}" in ${view.registryCollection} is not {env}:{tenant_id}:{resource_kind}[:{project_id}]; the runtime cannot find it by scope. Fix it in ${whereToFix(view, doc)}.`,
      },
    ];
  }
  if (doc.fields === UNKNOWN || doc.fields === "invalid") return [];
  const expected = routeDocumentId({
    env: String(doc.fields.env),
    tenant: String(doc.fields.tenant_id),
    kind: String(doc.fields.resource_kind),
    project: typeof doc.fields.project_id === "string" ? doc.fields.project_id : null,
  });
  return expected === doc.documentId
    ? []
    : [{ urn: doc.urn, message: `document ${doc.documentId} holds the route of ${expected} (its fields disagree with its ID). Fix it in ${whereToFix(view, doc)}.` }];
}

interface ProvisionedTargets {
  readonly buckets: ReadonlySet<unknown>;
  readonly databases: ReadonlySet<string>;
  readonly redisInstances: ReadonlySet<string>;
  readonly redisHosts: ReadonlySet<unknown>;
}

/** What the stack provisions, indexed once (a stack can hold tens of thousands of documents). */
function provisionedTargets(view: StackView): ProvisionedTargets {
  const buckets = new Set<unknown>();
  const databases = new Set<string>();
  const redisInstances = new Set<string>();
  const redisHosts = new Set<unknown>();
  for (const r of view.resources) {
    if (r.type === "aws:s3/bucket:Bucket" || r.type === "aws:s3/bucketV2:BucketV2") buckets.add(r.props.bucket);
    else if (r.type === "gcp:firestore/database:Database") databases.add(`${r.props.project}/${r.props.name}`);
    else if (r.type === "gcp:redis/instance:Instance") {
      redisInstances.add(`${r.props.project}/${r.props.region}/${r.props.name}`);
      if (!isUnknown(r.props.host)) redisHosts.add(r.props.host);
    }
  }
  return { buckets, databases, redisInstances, redisHosts };
}

function targetProblem(doc: RouteDocument, targets: ProvisionedTargets, external: ReadonlySet<string>): string | undefined {
  const config = doc.config !== UNKNOWN && doc.config !== undefined ? doc.config : undefined;
  const tableTarget = doc.tableEntry?.target ?? null;
  switch (doc.backendType) {
    case "s3": {
      const bucket = typeof config?.bucket === "string" ? config.bucket : tableTarget?.startsWith("s3:") ? tableTarget.slice(3) : undefined;
      if (bucket === undefined) return undefined; // config rule reports a missing bucket
      return targets.buckets.has(bucket) || external.has(`s3:${bucket}`) ? undefined : `points at S3 bucket "${bucket}", which this stack neither provisions nor names as external`;
    }
    case "firestore": {
      let target: string | undefined;
      if (config && typeof config.project === "string" && typeof config.database === "string") target = `${config.project}/${config.database}`;
      else if (tableTarget?.startsWith("firestore:")) target = tableTarget.slice("firestore:".length);
      if (target === undefined) return undefined;
      return targets.databases.has(target) || external.has(`firestore:${target}`) ? undefined : `points at Firestore database ${target}, which this stack neither provisions nor names as external`;
    }
    case "redis": {
      if (tableTarget?.startsWith("redis:")) {
        const id = tableTarget.slice("redis:".length);
        return targets.redisInstances.has(id) || external.has(tableTarget) ? undefined : `points at Redis instance ${id}, which this stack does not provision`;
      }
      const host = config?.host;
      if (typeof host !== "string" || isUnknown(host)) return undefined;
      return targets.redisHosts.has(host) || external.has(`redis:${host}`) ? undefined : `points at Redis host ${host}, which is no instance of this stack and not named as external`;
    }
    default:
      return undefined;
  }
}
