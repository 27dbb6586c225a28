// Shared set-up for policy tests: the shipped stacks' recorded resources, and one-change
// mutations of them, driven through the real pack over the Analyzer protocol.
import { runUnderMocks, RecordedResource, UNKNOWN } from "../../lib/mock-engine";
import { loadStack } from "../../lib/load-stack";
import { createRoutingStack } from "../../infra/routing-stack";
import { readStackConfig } from "../../lib/stack-files";
import { PolicyPackConfig, PolicyPackHarness } from "../../lib/policy-harness";
import { encodeFields } from "../../lib/firestore-fields";

export { UNKNOWN };

export async function recordStack(stack: string, firstPreview = false, config = readStackConfig(stack), routesFile?: string) {
  const { resources } = await runUnderMocks({ project: "routing-infra", stack, config, firstPreview }, () => {
    const loaded = loadStack(config, stack, routesFile, { checks: "structure" });
    createRoutingStack(loaded.config, loaded.table);
    return {};
  });
  return resources;
}

export function clone(resources: readonly RecordedResource[]): RecordedResource[] {
  return JSON.parse(JSON.stringify(resources));
}

export function docNamed(resources: RecordedResource[], documentId: string): RecordedResource {
  const doc = resources.find((r) => r.type === "gcp:firestore/document:Document" && r.name === documentId);
  if (!doc) throw new Error(`no document ${documentId}`);
  return doc;
}

export function tableOf(resources: RecordedResource[]): RecordedResource {
  return resources.find((r) => r.type === "routing-infra:registry:RoutingTable")!;
}

/** Rewrites a document's fields (outputs and inputs alike). */
export function setFields(doc: RecordedResource, fields: unknown) {
  const text = fields === UNKNOWN ? UNKNOWN : JSON.stringify(fields);
  doc.outputs.fields = text;
  doc.inputs.fields = text;
}

export function fieldsOf(doc: RecordedResource): any {
  return JSON.parse(doc.outputs.fields as string);
}

export function encode(record: Record<string, any>) {
  return encodeFields(record);
}

export async function gate(harness: PolicyPackHarness, resources: RecordedResource[], config: PolicyPackConfig = {}) {
  await harness.configure(config);
  const { diagnostics } = await harness.analyzeStack(resources);
  return diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName}: ${d.message}`);
}

/** Sets the backend type of one routing-table entry ("<documentId> <type> <name> <target>"). */
export function setTableBackendType(resources: RecordedResource[], documentId: string, backendType: string) {
  const table = tableOf(resources);
  const routes = table.outputs.routes as string[];
  const index = routes.findIndex((e) => e.startsWith(`${documentId} `));
  if (index < 0) throw new Error(`no table entry for ${documentId}`);
  const [id, , name, target] = routes[index].split(" ");
  routes[index] = [id, backendType, name, target].join(" ");
}

/** Removes the routing-table entries whose document ID matches. */
export function dropTableEntries(resources: RecordedResource[], drop: (documentId: string) => boolean) {
  const table = tableOf(resources);
  table.outputs.routes = (table.outputs.routes as string[]).filter((e) => !drop(e.split(" ")[0]));
}

export interface ProdPack {
  readonly harness: PolicyPackHarness;
  /** The shipped prod stack, as a normal preview records it. */
  readonly prod: RecordedResource[];
  /** The same stack as its first preview records it (outputs of new resources unknown). */
  readonly firstPreview: RecordedResource[];
}

/**
 * The pack started as the engine starts it for the prod stack, and the prod stack
 * recorded both ways. The pack starts while the programs run; the programs run one at a
 * time because the Pulumi runtime's state is global to the process.
 */
export async function startProdPack(): Promise<ProdPack> {
  const starting = PolicyPackHarness.start({ stack: "prod", project: "routing-infra", config: readStackConfig("prod"), dryRun: true });
  const prod = await recordStack("prod");
  const firstPreview = await recordStack("prod", true);
  const harness = await starting;
  await harness.configure({});
  return { harness, prod, firstPreview };
}
