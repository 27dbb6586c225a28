// `routing-infra drift` against the Firestore emulator: seeded documents in sync,
// missing, extra, changed, downgraded, switched; and an emulator that is not running.
import { startFirestoreEmulator, FirestoreEmulator, freePort } from "../services/firestore-emulator";
import { createDocument, deleteDocument, replaceDocument, RestTarget } from "../../lib/firestore-rest";
import { cli } from "../cli/cli-helpers";

let emulator: FirestoreEmulator;
let target: RestTarget;

beforeAll(async () => {
  emulator = await startFirestoreEmulator("northstar-prod");
  target = { baseUrl: `http://${emulator.host}`, project: "northstar-prod", database: "(default)", token: "owner" };
}, 120_000);
afterAll(() => emulator?.stop());

function seed(collection: string) {
  const result = cli(["seed", "--stack", "prod", "--emulator", emulator.host, "--collection", collection]);
  expect(result.stderr).toBe("");
  expect(result.stdout).toBe(`wrote 68 route documents of stack prod to emulator ${emulator.host}: projects/northstar-prod/databases/(default)/documents/${collection}\n`);
}

function drift(collection: string, json = true) {
  return cli(["drift", "--stack", "prod", "--emulator", emulator.host, "--collection", collection, ...(json ? ["--json"] : [])]);
}

const s = (v: string) => ({ stringValue: v });

test("in sync: exit 0 (Redis hosts known only after deployment match any host)", async () => {
  seed("drift_in_sync");
  // As after a real deployment: the host is the instance's address, not render's placeholder.
  const url = `${target.baseUrl}/v1/projects/northstar-prod/databases/(default)/documents/drift_in_sync/prod:t_acme:chat_bus`;
  const fields = ((await (await fetch(url, { headers: { authorization: "Bearer owner" } })).json()) as any).fields;
  fields.config.mapValue.fields.host = s("10.20.30.40");
  await replaceDocument(target, "drift_in_sync", "prod:t_acme:chat_bus", fields);
  const { code, stdout } = drift("drift_in_sync", false);
  expect(code).toBe(0);
  expect(stdout).toBe(
    `Stack prod (routes/prod.ts) vs emulator ${emulator.host}: projects/northstar-prod/databases/(default)/documents/drift_in_sync: 68 documents read, in sync.\n`,
  );
});

test("missing, unexpected, changed, downgraded and switched documents: exit 1, dangerous ones first", async () => {
  const c = "drift_mixed";
  seed(c);
  await deleteDocument(target, c, "prod:t_acme:kpi");
  await createDocument(target, c, "prod:t_zeta:seo", {
    backend_type: s("firestore"), config: { mapValue: { fields: {} } }, env: s("prod"), project_id: { nullValue: null }, required: { booleanValue: true }, resource_kind: s("seo"), tenant_id: s("t_zeta"),
  });
  // A dev document in the same collection belongs to another env: ignored.
  await createDocument(target, c, "dev:t_acme:seo", { env: s("dev"), backend_type: s("memory") });
  const patch = async (id: string, change: (fields: any) => void) => {
    const response = await fetch(`${target.baseUrl}/v1/projects/northstar-prod/databases/(default)/documents/${c}/${id}`, { headers: { authorization: "Bearer owner" } });
    const fields = ((await response.json()) as any).fields;
    change(fields);
    await replaceDocument(target, c, id, fields);
  };
  await patch("prod:t_beta:chat_bus", (f) => {
    f.backend_type = s("memory");
    f.config = { mapValue: { fields: {} } };
  });
  await patch("prod:t_corvid:raw_storage", (f) => (f.config.mapValue.fields.bucket = s("northstar-prod-raw-old")));
  await patch("prod:t_acme:rate_limit", (f) => (f.required = { booleanValue: false }));

  const { code, stdout, stderr } = drift(c);
  expect(stderr).toBe("");
  expect(code).toBe(1);
  const report = JSON.parse(stdout);
  expect(report.inSync).toBe(false);
  expect(report.counts).toEqual({ downgrade: 1, "stateful-switch": 1, missing: 1, unexpected: 1, changed: 1 });
  expect(report.items.map((i: any) => [i.class, i.documentId, i.summary])).toEqual([
    ["downgrade", "prod:t_beta:chat_bus", "live routes to memory (ephemeral) where the route files say redis"],
    ["stateful-switch", "prod:t_corvid:raw_storage", 'raw_storage is stateful and its data location differs: config.bucket "northstar-prod-raw" in code, "northstar-prod-raw-old" live'],
    ["missing", "prod:t_acme:kpi", "no document; the route files say firestore (required: services refuse to start)"],
    ["unexpected", "prod:t_zeta:seo", "in the registry but not in the route files (backend firestore)"],
    ["changed", "prod:t_acme:rate_limit", "required true in code, false live"],
  ]);

  const text = drift(c, false).stdout;
  expect(text.indexOf("DOWNGRADES")).toBeLessThan(text.indexOf("STATEFUL SWITCHES"));
  expect(text.indexOf("STATEFUL SWITCHES")).toBeLessThan(text.indexOf("MISSING"));
  expect(text).toContain("  chat_bus / t_beta  [prod:t_beta:chat_bus]: live routes to memory (ephemeral) where the route files say redis");
});

test("never prints a credential found in the live registry", async () => {
  const c = "drift_secret";
  seed(c);
  const response = await fetch(`${target.baseUrl}/v1/projects/northstar-prod/databases/(default)/documents/${c}/prod:t_acme:chat_bus`, { headers: { authorization: "Bearer owner" } });
  const fields = ((await response.json()) as any).fields;
  fields.config.mapValue.fields.password = s("hunter2-live-value");
  await replaceDocument(target, c, "prod:t_acme:chat_bus", fields);
  for (const json of [true, false]) {
    const { code, stdout, stderr } = drift(c, json);
    expect(code).toBe(1);
    expect(stdout + stderr).not.toContain("hunter2");
    expect(stdout).toContain("(redacted)");
  }
});

test("an emulator that is not running: exit 2 and what to do", async () => {
  const port = await freePort();
  const { code, stdout, stderr } = cli(["drift", "--stack", "prod", "--emulator", `127.0.0.1:${port}`]);
  expect(code).toBe(2);
  expect(stdout).toBe("");
  expect(stderr).toMatch(
    new RegExp(`^routing-infra drift: could not reach the Firestore emulator at 127\\.0\\.0\\.1:${port} \\(.+\\); start it with \`gcloud emulators firestore start --host-port=127\\.0\\.0\\.1:${port}\` or pass the right --emulator address\\n$`),
  );
});

test("a collection that is not there: exit 2, naming where it looked", () => {
  const { code, stderr } = drift("no_such_collection");
  expect(code).toBe(2);
  expect(stderr).toBe(
    `routing-infra drift: emulator ${emulator.host}: projects/northstar-prod/databases/(default)/documents/no_such_collection has no documents: the collection does not exist there. Check --project/--emulator and the stack's routing-infra:registryCollection; if stack prod was never deployed, run pulumi up first.\n`,
  );
});

test("bad usage: exit 2", () => {
  expect(cli(["drift", "--stack", "prod"]).code).toBe(2);
  expect(cli(["drift", "--stack", "prod", "--emulator", "x", "--project", "p"]).code).toBe(2);
});
