// Each policy through the real pack over the Analyzer protocol: the compliant prod
// stack passes; one change at a time fails with the exact message.
import { PolicyPackHarness } from "../../lib/policy-harness";
import { RecordedResource } from "../../lib/mock-engine";
import { clone, docNamed, dropTableEntries, fieldsOf, gate, startProdPack, setFields, setTableBackendType, tableOf, UNKNOWN } from "./pack-fixture";

const ROUTES = "routes/prod.ts";
let harness: PolicyPackHarness;
let prod: RecordedResource[];
let firstPreview: RecordedResource[];

beforeAll(async () => {
  ({ harness, prod, firstPreview } = await startProdPack());
});
afterAll(() => harness?.stop());

function mutate(change: (resources: RecordedResource[]) => void, base = prod): RecordedResource[] {
  const copy = clone(base);
  change(copy);
  return copy;
}

function setBackendType(resources: RecordedResource[], documentId: string, backendType: string) {
  const doc = docNamed(resources, documentId);
  const fields = fieldsOf(doc);
  fields.backend_type = { stringValue: backendType };
  setFields(doc, fields);
}

describe("the pack as the engine sees it", () => {
  test("GetAnalyzerInfo: routing-infra@0.1.0 with six mandatory policies, each configurable", async () => {
    const info = await harness.analyzerInfo();
    expect([info.name, info.version]).toEqual(["routing-infra", "0.1.0"]);
    expect(info.policies.map((p) => [p.name, p.enforcementLevel, p.severity])).toEqual([
      ["routing-prod-durable-backends", "mandatory", "critical"],
      ["routing-required-kinds-routed", "mandatory", "critical"],
      ["routing-route-config-complete", "mandatory", "high"],
      ["routing-no-plaintext-credentials", "mandatory", "critical"],
      ["routing-prod-backends-protected", "mandatory", "high"],
      ["routing-route-consistency", "mandatory", "high"],
    ]);
    for (const policy of info.policies) {
      expect(policy.description.length).toBeGreaterThan(20);
      expect((policy.configSchema as any).protectedEnvs.default).toEqual(["prod"]);
    }
  });

  test("the shipped prod stack passes, at Analyze and at AnalyzeStack", async () => {
    await harness.configure({});
    for (const resource of prod) expect(await harness.analyze(resource)).toEqual([]);
    expect(await gate(harness, prod)).toEqual([]);
  });

  test("its first preview, where Redis hosts and document fields are unknown, passes too", async () => {
    const unknownFields = firstPreview.filter((r) => r.type === "gcp:firestore/document:Document" && r.outputs.fields === UNKNOWN);
    // The chat_bus documents (3 tenants + 1 project) embed a Redis host not known before the instance exists.
    expect(unknownFields.map((d) => d.name).sort()).toEqual(["prod:t_acme:chat_bus", "prod:t_acme:chat_bus:p_launch", "prod:t_beta:chat_bus", "prod:t_corvid:chat_bus"]);
    expect(await gate(harness, firstPreview)).toEqual([]);
  });
});

describe("routing-prod-durable-backends", () => {
  test.each(["memory", "noop", "local", "Memory", "sqlite", ""])("fails on a prod document routed to %j", async (backend) => {
    const resources = mutate((r) => setBackendType(r, "prod:t_beta:kpi", backend));
    expect(await gate(harness, resources)).toEqual([
      `mandatory routing-prod-durable-backends: prod route kpi / t_beta (document prod:t_beta:kpi) uses backend "${backend}"; prod allows only firestore, redis, s3. Change it in ${ROUTES}.`,
      ...(backend === "" ? ['mandatory routing-route-config-complete: route kpi / t_beta (document prod:t_beta:kpi) on : field backend_type must be a non-empty string (found ""). Fix it in routes/prod.ts.'] : []),
      `mandatory routing-route-consistency: route kpi / t_beta (document prod:t_beta:kpi) writes backend "${backend}" but the routing table of ${ROUTES} says "firestore"; the program and the table disagree.`,
    ]);
  });

  test("fails on a project-scoped document routed to memory", async () => {
    const resources = mutate((r) => setBackendType(r, "prod:t_acme:raw_storage:p_launch", "memory"));
    expect((await gate(harness, resources))[0]).toBe(
      `mandatory routing-prod-durable-backends: prod route raw_storage / t_acme / p_launch (document prod:t_acme:raw_storage:p_launch) uses backend "memory"; prod allows only firestore, redis, s3. Change it in ${ROUTES}.`,
    );
  });

  test("at first preview, takes the backend from the routing table when the fields are unknown", async () => {
    const resources = mutate((r) => setTableBackendType(r, "prod:t_beta:chat_bus", "memory"), firstPreview);
    expect(docNamed(resources, "prod:t_beta:chat_bus").outputs.fields).toBe(UNKNOWN);
    expect(await gate(harness, resources)).toEqual([
      `mandatory routing-prod-durable-backends: prod route chat_bus / t_beta (document prod:t_beta:chat_bus) uses backend "memory"; prod allows only firestore, redis, s3. Change it in ${ROUTES}.`,
    ]);
  });

  test("fails closed on a hand-written document whose backend is unknown at preview (never an advisory)", async () => {
    const resources = mutate((r) => {
      const doc = clone([docNamed(r, "prod:t_beta:kpi")])[0];
      Object.assign(doc, { name: "hand-written", urn: doc.urn.replace(/::prod:t_beta:kpi$/, "::hand-written") });
      doc.outputs.documentId = "prod:t_delta:kpi";
      setFields(doc, UNKNOWN);
      r.push(doc);
    });
    const verdict = await gate(harness, resources);
    expect(verdict[0]).toBe(
      `mandatory routing-prod-durable-backends: prod route kpi / t_delta (document prod:t_delta:kpi) cannot be verified: its backend type is unknown at preview and the document is not in the routing table; allowed: firestore, redis, s3. Write it through ${ROUTES}, or make its fields known at preview.`,
    );
    expect(verdict.every((v) => v.startsWith("mandatory"))).toBe(true);
  });

  test("judges a known hand-written document like any other, naming the program as the place to fix", async () => {
    const resources = mutate((r) => {
      const doc = clone([docNamed(r, "prod:t_beta:kpi")])[0];
      Object.assign(doc, { name: "hand-written", urn: doc.urn.replace(/::prod:t_beta:kpi$/, "::hand-written") });
      doc.outputs.documentId = "prod:t_beta:kpi:p_side";
      const fields = fieldsOf(doc);
      fields.backend_type = { stringValue: "noop" };
      fields.config = { mapValue: { fields: {} } };
      fields.project_id = { stringValue: "p_side" };
      setFields(doc, fields);
      r.push(doc);
    });
    expect((await gate(harness, resources))[0]).toBe(
      `mandatory routing-prod-durable-backends: prod route kpi / t_beta / p_side (document prod:t_beta:kpi:p_side) uses backend "noop"; prod allows only firestore, redis, s3. Change it in the program (document prod:t_beta:kpi:p_side is not in the routing table of ${ROUTES}).`,
    );
  });
});

describe("routing-required-kinds-routed", () => {
  test("fails when a required kind's document is gone for one tenant", async () => {
    const resources = mutate((r) => r.splice(r.indexOf(docNamed(r, "prod:t_corvid:timeline")), 1));
    expect(await gate(harness, resources)).toEqual([
      `mandatory routing-required-kinds-routed: prod tenant t_corvid has no route for required kind timeline (expected document prod:t_corvid:timeline); the runtime refuses to start without it. Add the route in ${ROUTES}.`,
    ]);
  });

  test("fails when a project scope misses a kind", async () => {
    const resources = mutate((r) => r.splice(r.indexOf(docNamed(r, "prod:t_acme:seo:p_launch")), 1));
    expect(await gate(harness, resources)).toEqual([
      `mandatory routing-required-kinds-routed: prod tenant t_acme / project p_launch has no route for required kind seo (expected document prod:t_acme:seo:p_launch); the runtime refuses to start without it. Add the route in ${ROUTES}.`,
    ]);
  });

  test("fails, never 'not applicable', when a prod stack writes no route documents at all", async () => {
    const resources = prod.filter((r) => r.type !== "gcp:firestore/document:Document" && r.type !== "routing-infra:registry:RoutingTable");
    expect(await gate(harness, resources)).toEqual([
      "mandatory routing-required-kinds-routed: stack prod (env prod) writes no route documents to collection resource_routes; every required kind must be routed for every tenant. Declare the routes in the program of stack prod (no routing table registered).",
    ]);
  });

  test("catches a tenant dropped entirely when policy config names the tenants prod must serve", async () => {
    const resources = prod.filter((r) => !(r.type === "gcp:firestore/document:Document" && r.name.startsWith("prod:t_corvid:")));
    const mutated = clone(resources);
    const table = tableOf(mutated);
    dropTableEntries(mutated, (id) => id.startsWith("prod:t_corvid:"));
    table.outputs.tenants = (table.outputs.tenants as string[]).filter((t) => t !== "t_corvid");
    // Gone from the route file, the tenant is gone from everything the stack registers.
    expect(await gate(harness, mutated)).toEqual([]);
    const verdict = await gate(harness, mutated, { "routing-required-kinds-routed": { tenants: ["t_acme", "t_beta", "t_corvid"] } });
    expect(verdict).toHaveLength(17);
    expect(verdict[0]).toBe(
      `mandatory routing-required-kinds-routed: prod tenant t_corvid has no route for required kind analytics_events (expected document prod:t_corvid:analytics_events); the runtime refuses to start without it. Add the route in ${ROUTES}.`,
    );
  });
});

test("a tenant the route file declares but routes nothing for is caught without policy config", async () => {
  const mutated = clone(prod.filter((r) => !(r.type === "gcp:firestore/document:Document" && r.name.startsWith("prod:t_corvid:"))));
  dropTableEntries(mutated, (id) => id.startsWith("prod:t_corvid:"));
  expect(await gate(harness, mutated)).toHaveLength(17);
});

describe("routing-route-config-complete", () => {
  test("fails on an s3 route without a bucket, a redis port that is not an integer, a firestore route without a collection", async () => {
    const resources = mutate((r) => {
      const s3 = docNamed(r, "prod:t_acme:media_v2_storage");
      const s3Fields = fieldsOf(s3);
      delete s3Fields.config.mapValue.fields.bucket;
      setFields(s3, s3Fields);
      const redis = docNamed(r, "prod:t_acme:chat_bus");
      const redisFields = fieldsOf(redis);
      redisFields.config.mapValue.fields.port = { stringValue: "6378" };
      setFields(redis, redisFields);
      const fs = docNamed(r, "prod:t_acme:kpi");
      const fsFields = fieldsOf(fs);
      delete fsFields.config.mapValue.fields.collection;
      setFields(fs, fsFields);
    });
    expect(await gate(harness, resources)).toEqual([
      "mandatory routing-route-config-complete: route kpi / t_acme (document prod:t_acme:kpi) on firestore: config.collection must be a non-empty string; found nothing. Fix it in routes/prod.ts.",
      "mandatory routing-route-config-complete: route media_v2_storage / t_acme (document prod:t_acme:media_v2_storage) on s3: config.bucket must be a non-empty string (a missing bucket is an error, not a default); found nothing. Fix it in routes/prod.ts.",
      'mandatory routing-route-config-complete: route chat_bus / t_acme (document prod:t_acme:chat_bus) on redis: config.port must be a positive integer (integerValue); found {"stringValue":"6378"}. Fix it in routes/prod.ts.',
    ]);
  });
});

describe("routing-no-plaintext-credentials", () => {
  test("fails on a literal credential in config, naming the key and never the value", async () => {
    const resources = mutate((r) => {
      const redis = docNamed(r, "prod:t_acme:chat_bus");
      const fields = fieldsOf(redis);
      fields.config.mapValue.fields.password = { stringValue: "hunter2-literal" };
      fields.config.mapValue.fields.auth_secret = { stringValue: "also-a-literal" };
      setFields(redis, fields);
    });
    const verdict = await gate(harness, resources);
    expect(verdict).toEqual([
      "mandatory routing-no-plaintext-credentials: route chat_bus / t_acme (document prod:t_acme:chat_bus): config.auth_secret holds a literal credential; store it in Secret Manager and reference it by name (projects/<project>/secrets/<name>). Fix it in routes/prod.ts.",
      "mandatory routing-no-plaintext-credentials: route chat_bus / t_acme (document prod:t_acme:chat_bus): config.password holds a literal credential; store it in Secret Manager and reference it by name (projects/<project>/secrets/<name>). Fix it in routes/prod.ts.",
    ]);
    expect(verdict.join("\n")).not.toContain("hunter2");
  });
});

describe("routing-prod-backends-protected", () => {
  test("fails on each weakened prod backend", async () => {
    const resources = mutate((r) => {
      const redis = r.find((x) => x.name === "chatBus-instance")!;
      redis.outputs.tier = "BASIC";
      redis.outputs.authEnabled = UNKNOWN;
      const db = r.find((x) => x.name === "registry-database")!;
      db.outputs.pointInTimeRecoveryEnablement = "POINT_IN_TIME_RECOVERY_DISABLED";
      (db as any).protect = false;
      const pab = r.find((x) => x.name === "media-public-access-block")!;
      pab.outputs.restrictPublicBuckets = false;
      r.splice(r.indexOf(r.find((x) => x.name === "raw-versioning")!), 1);
    });
    expect(await gate(harness, resources)).toEqual([
      "mandatory routing-prod-backends-protected: prod Database registry-database: pointInTimeRecoveryEnablement is \"POINT_IN_TIME_RECOVERY_DISABLED\"; must be \"POINT_IN_TIME_RECOVERY_ENABLED\". Set it in the backend's component (infra/) or its backend in routes/prod.ts.",
      "mandatory routing-prod-backends-protected: prod Database registry-database is not protected; create it with { protect: true } so it cannot be deleted or replaced by a pulumi up.",
      'mandatory routing-prod-backends-protected: prod Bucket media-bucket (northstar-prod-media): the public access block is incomplete (restrictPublicBuckets not true); add an aws.s3.BucketPublicAccessBlock with all four settings true.',
      "mandatory routing-prod-backends-protected: prod Bucket raw-bucket (northstar-prod-raw): versioning is not enabled; add an aws.s3.BucketVersioning with status \"Enabled\".",
      "mandatory routing-prod-backends-protected: prod Instance chatBus-instance: tier is \"BASIC\"; must be \"STANDARD_HA\" (a BASIC instance has no replica and loses the bus on failure). Set it in the backend's component (infra/) or its backend in routes/prod.ts.",
      "mandatory routing-prod-backends-protected: prod Instance chatBus-instance: authEnabled is unknown at preview; must be true. Set it in the backend's component (infra/) or its backend in routes/prod.ts.",
    ]);
  });

  test("matches a bucket's companions by dependency when its name is unknown at first preview", async () => {
    const sub = firstPreview.find((x) => x.name === "media-versioning")!;
    expect(sub.outputs.bucket).toBe(UNKNOWN);
    expect(await gate(harness, firstPreview)).toEqual([]);
  });
});

describe("routing-route-consistency", () => {
  test("fails on two documents for one scope, and on a document whose ID disagrees with its fields", async () => {
    const resources = mutate((r) => {
      const twin = clone([docNamed(r, "prod:t_beta:seo")])[0];
      Object.assign(twin, { name: "seo-twin", urn: twin.urn.replace(/::prod:t_beta:seo$/, "::seo-twin") });
      twin.outputs.documentId = "prod:t_beta:seo:p_x";
      r.push(twin);
    });
    expect(await gate(harness, resources)).toEqual([
      "mandatory routing-route-consistency: route seo / t_beta (document prod:t_beta:seo:p_x) is a second document for the scope of seo / t_beta (document prod:t_beta:seo); the runtime would read one of them at random. Keep one, in routes/prod.ts.",
      "mandatory routing-route-consistency: document prod:t_beta:seo:p_x holds the route of prod:t_beta:seo (its fields disagree with its ID). Fix it in the program (document prod:t_beta:seo:p_x is not in the routing table of routes/prod.ts).",
    ]);
  });

  test("fails on a route to a bucket the stack neither provisions nor names as external", async () => {
    const resources = mutate((r) => {
      const doc = docNamed(r, "prod:t_corvid:raw_storage");
      const fields = fieldsOf(doc);
      fields.config.mapValue.fields.bucket = { stringValue: "someone-elses-bucket" };
      setFields(doc, fields);
    });
    const message =
      'mandatory routing-route-consistency: route raw_storage / t_corvid (document prod:t_corvid:raw_storage) points at S3 bucket "someone-elses-bucket", which this stack neither provisions nor names as external. Provision it in the stack, or declare it with external: true in routes/prod.ts.';
    expect(await gate(harness, resources)).toEqual([message]);
    expect(await gate(harness, resources, { "routing-route-consistency": { externalTargets: ["s3:someone-elses-bucket"] } })).toEqual([]);
  });
});

describe("policy config", () => {
  test("a policy can be made advisory or disabled with --policy-pack-config", async () => {
    const resources = mutate((r) => setBackendType(r, "prod:t_beta:kpi", "memory"));
    expect(await gate(harness, resources, { "routing-prod-durable-backends": "advisory", "routing-route-consistency": "disabled" })).toEqual([
      'advisory routing-prod-durable-backends: prod route kpi / t_beta (document prod:t_beta:kpi) uses backend "memory"; prod allows only firestore, redis, s3. Change it in routes/prod.ts.',
    ]);
  });
});
