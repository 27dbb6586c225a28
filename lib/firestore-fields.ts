// Encoding of route documents in the Firestore REST "fields" format, as the gcp
// provider's `firestore.Document.fields` expects it and as the REST API returns it.
//
// Pure and deterministic: map keys are sorted at every level so that the JSON string
// the program sends is stable (no spurious diffs) and snapshot-testable.

export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

export type FirestoreValue =
  | { nullValue: null }
  | { booleanValue: boolean }
  | { integerValue: string }
  | { doubleValue: number }
  | { stringValue: string }
  | { arrayValue: { values: FirestoreValue[] } }
  | { mapValue: { fields: FirestoreFields } };

export type FirestoreFields = { [key: string]: FirestoreValue };

export function encodeValue(value: PlainValue): FirestoreValue {
  if (value === null) return { nullValue: null };
  if (typeof value === "boolean") return { booleanValue: value };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new Error(`cannot encode ${value} in a route document: only finite numbers are allowed`);
    }
    // int64 travels as a decimal string in Firestore's JSON encoding.
    return Number.isInteger(value) ? { integerValue: String(value) } : { doubleValue: value };
  }
  if (typeof value === "string") return { stringValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(encodeValue) } };
  return { mapValue: { fields: encodeFields(value) } };
}

export function encodeFields(record: { [key: string]: PlainValue }): FirestoreFields {
  const fields: FirestoreFields = {};
  for (const key of Object.keys(record).sort()) {
    const value = record[key];
    if (value === undefined) {
      throw new Error(`cannot encode field "${key}": undefined is not a Firestore value (use null)`);
    }
    fields[key] = encodeValue(value);
  }
  return fields;
}

/** The inverse of `encodeValue`, for reading documents back (drift, policy, tests). */
export function decodeValue(value: unknown): PlainValue {
  if (value === null || typeof value !== "object") {
    throw new Error(`not a Firestore value: ${JSON.stringify(value)}`);
  }
  const v = value as Record<string, unknown>;
  if ("nullValue" in v) return null;
  if ("booleanValue" in v) return Boolean(v.booleanValue);
  if ("integerValue" in v) return Number(v.integerValue);
  if ("doubleValue" in v) return Number(v.doubleValue);
  if ("stringValue" in v) return String(v.stringValue);
  if ("arrayValue" in v) {
    const values = (v.arrayValue as { values?: unknown[] } | undefined)?.values ?? [];
    return values.map(decodeValue);
  }
  if ("mapValue" in v) {
    return decodeFields((v.mapValue as { fields?: unknown } | undefined)?.fields ?? {});
  }
  throw new Error(`unsupported Firestore value type: ${Object.keys(v).join(", ") || "(none)"}`);
}

export function decodeFields(fields: unknown): { [key: string]: PlainValue } {
  if (fields === null || typeof fields !== "object" || Array.isArray(fields)) {
    throw new Error("route document fields must be an object");
  }
  const out: { [key: string]: PlainValue } = {};
  for (const key of Object.keys(fields as object).sort()) {
    out[key] = decodeValue((fields as Record<string, unknown>)[key]);
  }
  return out;
}
