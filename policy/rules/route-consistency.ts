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
      const problem = targetProblem(view, doc, external);
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

function targetProblem(view: StackView, doc: RouteDocument, external: ReadonlySet<string>): string | undefined {
  const config = doc.config !== UNKNOWN && doc.config !== undefined ? doc.config : undefined;
  const tableTarget = doc.tableEntry?.target ?? null;
  const of = (type: string) => view.resources.filter((r) => r.type === type);
  switch (doc.backendType) {
    case "s3": {
      const bucket = typeof config?.bucket === "string" ? config.bucket : tableTarget?.startsWith("s3:") ? tableTarget.slice(3) : undefined;
      if (bucket === undefined) return undefined; // config rule reports a missing bucket
      const provisioned = [...of("aws:s3/bucket:Bucket"), ...of("aws:s3/bucketV2:BucketV2")].some((b) => b.props.bucket === bucket);
      return provisioned || external.has(`s3:${bucket}`) ? undefined : `points at S3 bucket "${bucket}", which this stack neither provisions nor names as external`;
    }
    case "firestore": {
      let target: string | undefined;
      if (config && typeof config.project === "string" && typeof config.database === "string") target = `${config.project}/${config.database}`;
      else if (tableTarget?.startsWith("firestore:")) target = tableTarget.slice("firestore:".length);
      if (target === undefined) return undefined;
      const provisioned = of("gcp:firestore/database:Database").some((d) => `${d.props.project}/${d.props.name}` === target);
      return provisioned || external.has(`firestore:${target}`) ? undefined : `points at Firestore database ${target}, which this stack neither provisions nor names as external`;
    }
    case "redis": {
      const instances = of("gcp:redis/instance:Instance");
      if (tableTarget?.startsWith("redis:")) {
        const id = tableTarget.slice("redis:".length);
        if (instances.some((i) => `${i.props.project}/${i.props.region}/${i.props.name}` === id) || external.has(tableTarget)) return undefined;
        return `points at Redis instance ${id}, which this stack does not provision`;
      }
      const host = config?.host;
      if (typeof host !== "string" || isUnknown(host)) return undefined;
      return instances.some((i) => i.props.host === host) || external.has(`redis:${host}`) ? undefined : `points at Redis host ${host}, which is no instance of this stack and not named as external`;
    }
    default:
      return undefined;
  }
}
