// One evaluation core: the pack over the Analyzer protocol and the pure core in-process
// reach the same verdicts on the same resources.
import { PolicyPackHarness } from "../../lib/policy-harness";
import { RecordedResource, SECRET_SIG, SIG_KEY } from "../../lib/mock-engine";
import { evaluateStack } from "../../policy/core/evaluate";
import type { ResourceInput } from "../../policy/core/view";
import { clone, docNamed, fieldsOf, startProdPack, setFields, setTableBackendType, UNKNOWN } from "./pack-fixture";

/** The pack sees outputs with secrets unwrapped (the policy SDK does it); so does the core here. */
function unwrap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrap);
  if (value !== null && typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (v[SIG_KEY] === SECRET_SIG) return unwrap(v.value);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)]));
  }
  return value;
}

function asInputs(resources: RecordedResource[]): ResourceInput[] {
  return resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, props: unwrap(r.outputs) as Record<string, unknown>, protect: r.protect, dependencies: r.dependencies }));
}

let harness: PolicyPackHarness;
let prod: RecordedResource[];
let firstPreview: RecordedResource[];
beforeAll(async () => {
  ({ harness, prod, firstPreview } = await startProdPack());
});
afterAll(() => harness?.stop());

const CASES: [string, () => RecordedResource[]][] = [
  ["the shipped stack", () => prod],
  ["its first preview", () => firstPreview],
  ["a document on memory", () => {
    const r = clone(prod);
    const doc = docNamed(r, "prod:t_beta:kpi");
    const f = fieldsOf(doc);
    f.backend_type = { stringValue: "memory" };
    setFields(doc, f);
    return r;
  }],
  ["a table entry on noop with unknown fields", () => {
    const r = clone(firstPreview);
    setTableBackendType(r, "prod:t_acme:chat_bus", "noop");
    return r;
  }],
  ["a deleted document and a weakened Redis", () => {
    const r = clone(prod).filter((x) => x.name !== "prod:t_corvid:seo");
    r.find((x) => x.name === "chatBus-instance")!.outputs.tier = "BASIC";
    return r;
  }],
  ["a hand-written document with unknown fields", () => {
    const r = clone(prod);
    const doc = clone([docNamed(r, "prod:t_beta:kpi")])[0];
    Object.assign(doc, { name: "hand", urn: doc.urn.replace(/::prod:t_beta:kpi$/, "::hand") });
    doc.outputs.documentId = "prod:t_x:kpi";
    setFields(doc, UNKNOWN);
    r.push(doc);
    return r;
  }],
];

test.each(CASES)("%s: the pack over gRPC and the pure core agree", async (_name, make) => {
  const resources = make();
  const { diagnostics } = await harness.analyzeStack(resources);
  const viaPack = diagnostics.map((d) => `${d.policyName}: ${d.message} @${d.urn}`).sort();
  const viaCore = evaluateStack(asInputs(resources), { stack: "prod", configuredEnv: "prod" }).map((v) => `${v.policy}: ${v.message} @${v.urn ?? ""}`).sort();
  expect(viaPack).toEqual(viaCore);
  // The mutated cases must produce findings, or agreement would prove nothing.
  if (!["the shipped stack", "its first preview"].includes(_name)) expect(viaPack.length).toBeGreaterThan(0);
});
