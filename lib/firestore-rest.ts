// Writes documents through the Firestore REST API exactly as the gcp provider does for
// `gcp.firestore.Document`: create is POST .../documents/{collection}?documentId={id}
// with {"fields": ...}; update is a PATCH of the document without an update mask, which
// replaces it; delete is DELETE. Used by the contract tests and `routing-infra seed`.
import type { FirestoreFields } from "./firestore-fields";

export interface RestTarget {
  /** "http://127.0.0.1:8080" for the emulator, "https://firestore.googleapis.com" for real. */
  readonly baseUrl: string;
  readonly project: string;
  readonly database: string;
  /** Bearer token; the emulator accepts "owner" (bypasses security rules). */
  readonly token: string;
}

function documentsUrl(target: RestTarget): string {
  return `${target.baseUrl}/v1/projects/${encodeURIComponent(target.project)}/databases/${encodeURIComponent(target.database)}/documents`;
}

async function send(method: string, url: string, target: RestTarget, body?: unknown): Promise<any> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${target.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} failed: HTTP ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : {};
}

export function createDocument(target: RestTarget, collection: string, documentId: string, fields: FirestoreFields) {
  return send("POST", `${documentsUrl(target)}/${encodeURIComponent(collection)}?documentId=${encodeURIComponent(documentId)}`, target, { fields });
}

export function replaceDocument(target: RestTarget, collection: string, documentId: string, fields: FirestoreFields) {
  return send("PATCH", `${documentsUrl(target)}/${encodeURIComponent(collection)}/${encodeURIComponent(documentId)}`, target, { fields });
}

export function deleteDocument(target: RestTarget, collection: string, documentId: string) {
  return send("DELETE", `${documentsUrl(target)}/${encodeURIComponent(collection)}/${encodeURIComponent(documentId)}`, target);
}
