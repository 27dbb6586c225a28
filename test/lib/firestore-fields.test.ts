import { decodeFields, encodeFields, encodeValue } from "../../lib/firestore-fields";

describe("Firestore REST encoding", () => {
  test("encodes integers as integerValue strings, other numbers as doubleValue", () => {
    expect(encodeValue(6379)).toEqual({ integerValue: "6379" });
    expect(encodeValue(0.5)).toEqual({ doubleValue: 0.5 });
  });

  test("encodes null, booleans, strings, arrays and nested maps", () => {
    expect(encodeFields({ b: true, a: null, c: "x", d: [1, "y"], e: { z: 1, y: { x: false } } })).toEqual({
      a: { nullValue: null },
      b: { booleanValue: true },
      c: { stringValue: "x" },
      d: { arrayValue: { values: [{ integerValue: "1" }, { stringValue: "y" }] } },
      e: { mapValue: { fields: { y: { mapValue: { fields: { x: { booleanValue: false } } } }, z: { integerValue: "1" } } } },
    });
  });

  test("sorts keys at every level, so the JSON is stable whatever the input order", () => {
    const a = JSON.stringify(encodeFields({ z: { b: 1, a: 2 }, a: 1 }));
    const b = JSON.stringify(encodeFields({ a: 1, z: { a: 2, b: 1 } }));
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"integerValue":"1"},"z":{"mapValue":{"fields":{"a":{"integerValue":"2"},"b":{"integerValue":"1"}}}}}');
  });

  test("round-trips through decodeFields", () => {
    const record = { config: { host: "h", port: 6378, tls: true }, project_id: null, required: true, ratio: 0.25, tags: ["a"] };
    expect(decodeFields(encodeFields(record))).toEqual(record);
  });

  test("fails on values Firestore cannot hold", () => {
    expect(() => encodeValue(Number.NaN)).toThrow("cannot encode NaN in a route document: only finite numbers are allowed");
    expect(() => encodeFields({ a: undefined as never })).toThrow('cannot encode field "a": undefined is not a Firestore value (use null)');
  });
});
