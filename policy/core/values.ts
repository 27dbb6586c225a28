// How property values look to the pack: plain JSON, except that a value unknown at
// preview is the engine's sentinel string. Secrets are unwrapped by the policy SDK.
/** The engine's encoding of a value unknown at preview (it sends this one for every unknown). */
export const ENGINE_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const UNKNOWN_SENTINELS: readonly string[] = [
  ENGINE_UNKNOWN, // string
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
];

/** Marks a value that is not known (at preview). Never equal to any real value. */
export const UNKNOWN: unique symbol = Symbol("unknown at preview");
export type Known<T> = T | typeof UNKNOWN;

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN || (typeof value === "string" && UNKNOWN_SENTINELS.includes(value));
}

/** A property as a string, UNKNOWN when unknown, undefined when absent or not a string. */
export function str(value: unknown): Known<string> | undefined {
  if (isUnknown(value)) return UNKNOWN;
  return typeof value === "string" ? value : undefined;
}

export function bool(value: unknown): Known<boolean> | undefined {
  if (isUnknown(value)) return UNKNOWN;
  return typeof value === "boolean" ? value : undefined;
}

export function obj(value: unknown): Known<Record<string, unknown>> | undefined {
  if (isUnknown(value)) return UNKNOWN;
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** "unknown at preview" / JSON of the value, for messages. */
export function show(value: unknown): string {
  if (isUnknown(value)) return "unknown at preview";
  if (value === undefined) return "not set";
  return JSON.stringify(value);
}
