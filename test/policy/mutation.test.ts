// Mutation test of the gate: every prod route, one at a time, flipped to each ephemeral
// backend (in the document itself, and in the routing table with the document's
// fields unknown as at a first preview) and deleted. The gate must fail every time.
import { PolicyPackHarness } from "../../lib/policy-harness";
import { RecordedResource } from "../../lib/mock-engine";
import { clone, dropTableEntries, fieldsOf, setFields, setTableBackendType, startProdPack, UNKNOWN } from "./pack-fixture";

const EPHEMERAL = ["memory", "noop", "local"];
let harness: PolicyPackHarness;
let prod: RecordedResource[];
let documentIds: string[];

beforeAll(async () => {
  ({ harness, prod } = await startProdPack());
  documentIds = prod.filter((r) => r.type === "gcp:firestore/document:Document").map((r) => r.name);
});
afterAll(() => harness?.stop());

async function mandatory(resources: RecordedResource[]): Promise<string[]> {
  const { diagnostics } = await harness.analyzeStack(resources);
  return diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => `${d.policyName}: ${d.message}`);
}

test("the unmutated prod stack passes (so every failure below is the mutation's)", async () => {
  expect(documentIds).toHaveLength(68);
  expect(await mandatory(prod)).toEqual([]);
});

test("flipping any prod document to any ephemeral backend fails the gate, naming that route", async () => {
  const escaped: string[] = [];
  for (const id of documentIds) {
    for (const backend of EPHEMERAL) {
      const resources = clone(prod);
      const doc = resources.find((r) => r.name === id)!;
      const fields = fieldsOf(doc);
      fields.backend_type = { stringValue: backend };
      setFields(doc, fields);
      const verdict = await mandatory(resources);
      const named = verdict.some((v) => v.startsWith("routing-prod-durable-backends:") && v.includes(`(document ${id})`) && v.includes(`"${backend}"`));
      if (!named) escaped.push(`${id} -> ${backend}`);
    }
  }
  expect(escaped).toEqual([]);
});

test("flipping any route to an ephemeral backend in the routing table fails the gate when the document's fields are unknown", async () => {
  const escaped: string[] = [];
  for (const id of documentIds) {
    for (const backend of EPHEMERAL) {
      const resources = clone(prod);
      setFields(resources.find((r) => r.name === id)!, UNKNOWN);
      setTableBackendType(resources, id, backend);
      const verdict = await mandatory(resources);
      if (!verdict.some((v) => v.includes(`(document ${id})`) && v.includes(`"${backend}"`))) escaped.push(`${id} -> ${backend}`);
    }
  }
  expect(escaped).toEqual([]);
});

test("deleting any prod route (document and table entry) fails the gate, naming the missing document", async () => {
  const escaped: string[] = [];
  for (const id of documentIds) {
    const resources = clone(prod).filter((r) => r.name !== id);
    dropTableEntries(resources, (documentId) => documentId === id);
    const verdict = await mandatory(resources);
    if (!verdict.some((v) => v.startsWith("routing-required-kinds-routed:") && v.includes(`(expected document ${id})`))) escaped.push(id);
  }
  expect(escaped).toEqual([]);
});
