// What counts as a credential in a route document, shared by the pack's
// routing-no-plaintext-credentials and drift's redaction so the two never disagree.

/** Keys that name a credential. */
export const CREDENTIAL_KEY = /pass(word|wd)?|secret|token|auth|credential|api[_-]?key|access[_-]?key|private[_-]?key|connection[_-]?string/i;

/** A Secret Manager resource name: a reference to a credential, not the credential. */
export const SECRET_REFERENCE = /^projects\/[^/\s]+\/secrets\/[^/\s]+(\/versions\/[^/\s]+)?$/;

/** True when `key` names a credential and `value` is a literal rather than a Secret Manager reference. */
export function isLiteralCredential(key: string, value: unknown): boolean {
  if (!CREDENTIAL_KEY.test(key)) return false;
  if (typeof value === "number") return true;
  return typeof value === "string" && value !== "" && !SECRET_REFERENCE.test(value);
}
