import { describeDocument, RouteDocument, whereToFix } from "../core/view";
import { Finding, Rule } from "../core/rule";
import { UNKNOWN } from "../core/values";

/**
 * Contract rule 4 and the "minimum config keys" of the contract: s3 names a bucket and
 * region, redis a host and an integer port, firestore a project, database and
 * collection; and the record itself has the shape the runtime's model reads. Applies
 * in every env: a dev document the runtime cannot read is a broken dev env.
 */
const REQUIRED_CONFIG: Readonly<Record<string, readonly string[]>> = {
  firestore: ["project", "database", "collection"],
  redis: ["host", "port"],
  s3: ["bucket", "region"],
};

export const routeConfigComplete: Rule = {
  name: "routing-route-config-complete",
  description: "Route documents carry the config their backend needs (s3 bucket, redis host and integer port, firestore project/database/collection) in the runtime's shape.",
  severity: "high",
  configSchema: {},
  evaluate(view) {
    const findings: Finding[] = [];
    for (const doc of view.documents) findings.push(...checkDocument(doc, view.routesFile === undefined ? "" : whereToFix(view, doc)));
    return findings;
  },
};

function checkDocument(doc: RouteDocument, fix: string): Finding[] {
  const problems: string[] = [];
  if (doc.fields === "invalid") {
    return [{ urn: doc.urn, message: `route ${describeDocument(doc)} has fields that are not Firestore REST JSON; the runtime cannot read it. Fix it in ${fix}.` }];
  }
  if (doc.fields === UNKNOWN) return []; // judged by the rules that fail closed on deciding values
  const f = doc.fields;
  for (const key of ["resource_kind", "tenant_id", "env", "backend_type"]) {
    if (typeof f[key] !== "string" || f[key] === "") problems.push(`field ${key} must be a non-empty string (found ${JSON.stringify(f[key] ?? null)})`);
  }
  if (!(f.project_id === null || (typeof f.project_id === "string" && f.project_id !== ""))) {
    problems.push(`field project_id must be null or a non-empty string (found ${JSON.stringify(f.project_id ?? "nothing")})`);
  }
  if (typeof f.required !== "boolean") problems.push(`field required must be a boolean (found ${JSON.stringify(f.required ?? null)})`);
  const config = doc.config;
  if (config === undefined || config === UNKNOWN) {
    problems.push("field config must be a map");
  } else if (typeof f.backend_type === "string") {
    const required = Object.prototype.hasOwnProperty.call(REQUIRED_CONFIG, f.backend_type) ? REQUIRED_CONFIG[f.backend_type] : [];
    for (const key of required) {
      const value = config[key];
      if (key === "port") {
        const encoded = (doc.rawFields?.config as any)?.mapValue?.fields?.port;
        if (!encoded || !("integerValue" in encoded) || !Number.isInteger(Number(encoded.integerValue)) || Number(encoded.integerValue) <= 0) {
          problems.push(`config.port must be a positive integer (integerValue); found ${encoded ? JSON.stringify(encoded) : "nothing"}`);
        }
      } else if (typeof value !== "string" || value === "") {
        problems.push(`config.${key} must be a non-empty string${f.backend_type === "s3" && key === "bucket" ? " (a missing bucket is an error, not a default)" : ""}; found ${value === undefined ? "nothing" : JSON.stringify(value)}`);
      }
    }
  }
  return problems.map((problem) => ({ urn: doc.urn, message: `route ${describeDocument(doc)} on ${String(f.backend_type)}: ${problem}. Fix it in ${fix}.` }));
}
