import { DURABLE_BACKEND_TYPES } from "../../routes/catalog";
import { describeDocument, whereToFix } from "../core/view";
import { envLabel, Finding, Rule, stringList } from "../core/rule";
import { UNKNOWN } from "../core/values";

/**
 * Contract rule 1: production never routes a kind to an ephemeral backend. An allowlist:
 * anything that is not exactly a durable type ("Memory", "sqlite", "") is a violation,
 * and so is a backend type nobody can know at preview (fail closed).
 */
export const prodDurableBackends: Rule = {
  name: "routing-prod-durable-backends",
  description: "Production routes only to durable backends (firestore, redis, s3); never to memory, noop, local or anything unknown.",
  severity: "critical",
  configSchema: {
    durableBackends: { type: "array", items: { type: "string" }, default: [...DURABLE_BACKEND_TYPES], description: "Backend types allowed in protected envs." },
  },
  evaluate(view, config) {
    if (!view.isProtected) return [];
    const allowed = stringList(config, "durableBackends", DURABLE_BACKEND_TYPES);
    const env = envLabel(view);
    const findings: Finding[] = [];
    for (const doc of view.documents) {
      if (doc.backendType === UNKNOWN) {
        findings.push({
          urn: doc.urn,
          message: `${env} route ${describeDocument(doc)} cannot be verified: its backend type is unknown at preview and the document is not in the routing table; allowed: ${allowed.join(", ")}. Write it through ${view.routesFile}, or make its fields known at preview.`,
        });
      } else if (!allowed.includes(doc.backendType)) {
        findings.push({
          urn: doc.urn,
          message: `${env} route ${describeDocument(doc)} uses backend "${doc.backendType}"; ${env} allows only ${allowed.join(", ")}. Change it in ${whereToFix(view, doc)}.`,
        });
      }
    }
    return findings;
  },
};
