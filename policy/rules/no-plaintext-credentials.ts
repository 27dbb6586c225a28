import type { PlainValue } from "../../lib/firestore-fields";
import { isLiteralCredential } from "../../lib/credentials";
import { describeDocument, whereToFix } from "../core/view";
import { Finding, Rule } from "../core/rule";
import { UNKNOWN } from "../core/values";


/**
 * Credentials never appear in a route document as plain text (the contract): the
 * documents are read by every service at startup. A credential-like key must hold a
 * Secret Manager reference. Messages name the key, never the value.
 */
export const noPlaintextCredentials: Rule = {
  name: "routing-no-plaintext-credentials",
  description: "No credential is stored in a route document as plain text; secrets are referenced by Secret Manager name.",
  severity: "critical",
  configSchema: {},
  evaluate(view) {
    const findings: Finding[] = [];
    for (const doc of view.documents) {
      if (doc.fields === UNKNOWN || doc.fields === "invalid") continue;
      for (const path of literalCredentials(doc.fields, "")) {
        findings.push({
          urn: doc.urn,
          message: `route ${describeDocument(doc)}: ${path} holds a literal credential; store it in Secret Manager and reference it by name (projects/<project>/secrets/<name>). Fix it in ${whereToFix(view, doc)}.`,
        });
      }
    }
    return findings;
  },
};

function literalCredentials(value: PlainValue, path: string): string[] {
  if (value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => literalCredentials(v, `${path}[${i}]`));
  const found: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (isLiteralCredential(key, inner)) {
      found.push(here);
    } else {
      found.push(...literalCredentials(inner, here));
    }
  }
  return found;
}
