// The contract with the services, on a real Firestore (the emulator): every route
// document of every stack is written exactly as the gcp provider writes a Document,
// read back with @google-cloud/firestore, and checked against the runtime's model.
import { z } from "zod";
import { Firestore } from "@google-cloud/firestore";
import { startFirestoreEmulator, FirestoreEmulator } from "../services/firestore-emulator";
import { createDocument, replaceDocument, RestTarget } from "../../lib/firestore-rest";
import { readRegistry } from "../../lib/registry-reader";
import { loadStack } from "../../lib/load-stack";
import { readStackConfig } from "../../lib/stack-files";
import { renderDocuments, RenderedDocument } from "../../cli/render";
import { resolveRouteFile } from "../../routes/resolve";
import { compliantProdFile, prodConfig } from "../fixtures";

// The runtime's Pydantic ResourceRoute, as the contract describes it.
const RuntimeResourceRoute = z.strictObject({
  resource_kind: z.string().min(1),
  tenant_id: z.string().min(1),
  env: z.enum(["dev", "staging", "prod"]),
  project_id: z.string().min(1).nullable(),
  backend_type: z.enum(["firestore", "redis", "s3", "memory", "noop", "local"]),
  config: z.record(z.string(), z.unknown()),
  required: z.boolean(),
});

let emulator: FirestoreEmulator;
let target: RestTarget;

beforeAll(async () => {
  emulator = await startFirestoreEmulator();
  target = { baseUrl: `http://${emulator.host}`, project: emulator.projectId, database: "(default)", token: "owner" };
}, 120_000);
afterAll(() => emulator?.stop());

function client(): Firestore {
  process.env.FIRESTORE_EMULATOR_HOST = emulator.host;
  return new Firestore({ projectId: emulator.projectId });
}

async function writeAll(collection: string, docs: readonly RenderedDocument[], concurrency = 16) {
  const queue = [...docs];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let doc = queue.shift(); doc; doc = queue.shift()) await createDocument(target, collection, doc.documentId, doc.fields);
    }),
  );
}

describe.each(["prod", "dev"])("every %s route document, written as the provider writes it", (stack) => {
  const { config, table } = loadStack(readStackConfig(stack), stack);
  const docs = renderDocuments(table, config);
  const collection = `contract_${stack}`;

  test("reads back with the runtime's field names and types, IDs as the contract says", async () => {
    await writeAll(collection, docs);
    const db = client();
    try {
      const snapshot = await db.collection(collection).get();
      expect(snapshot.size).toBe(docs.length);
      for (const doc of snapshot.docs) {
        const data = RuntimeResourceRoute.parse(doc.data());
        const expectedId = [data.env, data.tenant_id, data.resource_kind, ...(data.project_id === null ? [] : [data.project_id])].join(":");
        expect(doc.id).toBe(expectedId);
        const route = table.routes.find((r) => r.documentId === doc.id)!;
        expect([data.backend_type, data.required, data.project_id]).toEqual([route.backend.type, true, route.project]);
        if (data.backend_type === "redis") {
          expect(Number.isInteger(data.config.port)).toBe(true);
          expect(typeof data.config.host).toBe("string");
          expect(data.config.auth_secret).toMatch(/^projects\/[^/]+\/secrets\/[^/]+$/);
        }
        if (data.backend_type === "s3") expect(Object.keys(data.config).sort()).toEqual(["bucket", "region"]);
        if (data.backend_type === "firestore") expect(Object.keys(data.config).sort()).toEqual(["collection", "database", "project"]);
      }
    } finally {
      await db.terminate();
    }
  });
});

test("an update is a PATCH that replaces the whole document", async () => {
  const { config, table } = loadStack(readStackConfig("prod"), "prod");
  const [first] = renderDocuments(table, config);
  await createDocument(target, "contract_patch", first.documentId, first.fields);
  const slimmer = { ...first.fields, config: { mapValue: { fields: { bucket: { stringValue: "b" } } } } };
  await replaceDocument(target, "contract_patch", first.documentId, slimmer);
  const db = client();
  try {
    const data = (await db.collection("contract_patch").doc(first.documentId).get()).data()!;
    expect(data.config).toEqual({ bucket: "b" });
  } finally {
    await db.terminate();
  }
});

test("many tenants and project-scoped IDs: every document is found by the paged reader", async () => {
  const file = compliantProdFile();
  file.tenants = Array.from({ length: 60 }, (_, i) => `t_${String(i).padStart(3, "0")}`);
  file.projects = { t_000: ["p_alpha", "p.beta-2"] };
  file.overrides = [];
  const table = resolveRouteFile(file, "routes/prod.ts");
  const docs = renderDocuments(table, prodConfig());
  expect(docs).toHaveLength(62 * 17);
  await writeAll("contract_paging", docs);
  const progress: number[] = [];
  const live = await readRegistry(
    { project: emulator.projectId, database: "(default)", collection: "contract_paging", emulatorHost: emulator.host },
    { pageSize: 100, onProgress: (n) => progress.push(n) },
  );
  expect(live.map((d) => d.id).sort()).toEqual(docs.map((d) => d.documentId).sort());
  expect(progress.length).toBe(11);
  expect(live.find((d) => d.id === "prod:t_000:kpi:p.beta-2")!.data.project_id).toBe("p.beta-2");
});

test("the edges of allowed tenant and project characters are valid Firestore IDs", async () => {
  const file = compliantProdFile();
  const longest = "T".repeat(30) + "._-" + "9".repeat(31);
  file.tenants = [longest, "0", "a.b", "A-Z_z"];
  file.projects = { "0": ["p." + "x".repeat(62)] };
  file.overrides = [];
  const docs = renderDocuments(resolveRouteFile(file, "routes/prod.ts"), prodConfig());
  await writeAll("contract_edges", docs);
  const db = client();
  try {
    for (const id of [`prod:${longest}:kpi`, "prod:0:seo:p." + "x".repeat(62), "prod:a.b:chat_bus", "prod:A-Z_z:raw_storage"]) {
      const snapshot = await db.collection("contract_edges").doc(id).get();
      expect(snapshot.exists).toBe(true);
      RuntimeResourceRoute.parse(snapshot.data());
    }
  } finally {
    await db.terminate();
  }
});
