import { runShippedStack, ProgramRun } from "./harness";
import { loadStack } from "../../lib/load-stack";
import { readStackConfig } from "../../lib/stack-files";
import { renderDocuments } from "../../cli/render";
import { SECRET_SIG, SIG_KEY } from "../../lib/mock-engine";

let run: ProgramRun;
beforeAll(async () => {
  run = await runShippedStack("prod");
});

const DOC = "gcp:firestore/document:Document";

describe("prod program", () => {
  test("creates one component per backend with routing-infra type tokens, and one routing table", () => {
    const components = run.resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack");
    expect(components.map((c) => `${c.type} ${c.name}`).sort()).toEqual([
      "routing-infra:backends:FirestoreDatabase registry",
      "routing-infra:backends:RedisInstance chatBus",
      "routing-infra:backends:RedisInstance chatBusBeta",
      "routing-infra:backends:S3Bucket betaMedia",
      "routing-infra:backends:S3Bucket launchRaw",
      "routing-infra:backends:S3Bucket media",
      "routing-infra:backends:S3Bucket raw",
      "routing-infra:registry:RoutingTable routing-table",
    ]);
  });

  test("Redis is STANDARD_HA with RDB persistence, AUTH and in-transit encryption, protected", () => {
    const redis = run.byName("chatBus-instance");
    expect(redis.type).toBe("gcp:redis/instance:Instance");
    expect(redis.inputs).toMatchObject({
      name: "routing-prod-chat-bus",
      tier: "STANDARD_HA",
      memorySizeGb: 5,
      authEnabled: true,
      transitEncryptionMode: "SERVER_AUTHENTICATION",
      persistenceConfig: { persistenceMode: "RDB", rdbSnapshotPeriod: "ONE_HOUR" },
      deletionProtection: true,
      project: "northstar-prod",
      region: "europe-west1",
    });
    expect(redis.protect).toBe(true);
    expect(redis.parent).toBe(run.byName("chatBus").urn);
  });

  test("the AUTH string goes to Secret Manager as a secret, never into a document", () => {
    const version = run.byName("chatBus-auth-version");
    expect(version.inputs.secretData).toEqual({ [SIG_KEY]: SECRET_SIG, value: expect.any(String) });
    const auth = (version.inputs.secretData as { value: string }).value;
    expect(run.byName("chatBus-auth").inputs).toMatchObject({ secretId: "routing-prod-chat-bus-auth", replication: { auto: {} } });
    for (const doc of run.byType(DOC)) expect(JSON.stringify(doc.inputs)).not.toContain(auth);
  });

  test("the Firestore database has point-in-time recovery and delete protection, protected", () => {
    const db = run.byName("registry-database");
    expect(db.inputs).toMatchObject({
      name: "routing-data",
      locationId: "eur3",
      type: "FIRESTORE_NATIVE",
      pointInTimeRecoveryEnablement: "POINT_IN_TIME_RECOVERY_ENABLED",
      deleteProtectionState: "DELETE_PROTECTION_ENABLED",
      deletionPolicy: "ABANDON",
    });
    expect(db.protect).toBe(true);
  });

  test.each(["media", "raw", "betaMedia", "launchRaw"])("bucket %s: explicit name, versioned, encrypted, public access blocked, TLS only, protected", (name) => {
    const bucket = run.byName(`${name}-bucket`);
    expect(bucket.type).toBe("aws:s3/bucket:Bucket");
    expect(bucket.protect).toBe(true);
    expect(bucket.inputs.forceDestroy).toBe(false);
    const bucketName = bucket.inputs.bucket as string;
    expect(bucketName).toMatch(/^northstar-prod-/);
    expect(run.byName(`${name}-versioning`).inputs).toMatchObject({ bucket: bucketName, versioningConfiguration: { status: "Enabled" } });
    expect(run.byName(`${name}-encryption`).inputs).toMatchObject({
      bucket: bucketName,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
    });
    expect(run.byName(`${name}-public-access-block`).inputs).toMatchObject({
      bucket: bucketName,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const policy = run.byName(`${name}-deny-insecure-transport`);
    expect(JSON.parse(policy.inputs.policy as string).Statement).toEqual([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
    expect(policy.dependencies).toContain(run.byName(`${name}-public-access-block`).urn);
  });

  test("writes one document per route, in resource_routes, with IDs and fields exactly as render prints them", () => {
    const { config, table } = loadStack(readStackConfig("prod"), "prod");
    const rendered = renderDocuments(table, config);
    const docs = run.byType(DOC);
    expect(docs).toHaveLength(68);
    for (const expected of rendered) {
      const doc = run.byName(expected.documentId);
      expect(doc.inputs).toMatchObject({ project: "northstar-prod", database: "(default)", collection: "resource_routes", documentId: expected.documentId });
      const fields = JSON.parse(doc.inputs.fields as string);
      if (fields.backend_type.stringValue === "redis") {
        // Only the deploy-time host differs from render's placeholder.
        expect(fields.config.mapValue.fields.host.stringValue).toMatch(/^10\.\d+\.\d+\.\d+$/);
        fields.config.mapValue.fields.host = expected.fields.config && (expected.fields.config as any).mapValue.fields.host;
      }
      expect(fields).toEqual(expected.fields);
    }
  });

  test("each document depends on the backend it points at, and is deleted before it is replaced", () => {
    // dependsOn a component waits for all of its children: the SDK sends their URNs.
    const deps = (name: string) => run.byName(name).dependencies;
    expect(deps("prod:t_beta:chat_bus")).toEqual(
      expect.arrayContaining([run.byName("chatBusBeta-instance").urn, run.byName("chatBusBeta-auth-version").urn]),
    );
    expect(deps("prod:t_beta:chat_bus")).not.toContain(run.byName("chatBus-instance").urn);
    expect(deps("prod:t_acme:chat_bus")).toContain(run.byName("chatBus-instance").urn);
    expect(deps("prod:t_acme:raw_storage:p_launch")).toEqual(
      expect.arrayContaining([run.byName("launchRaw-bucket").urn, run.byName("launchRaw-deny-insecure-transport").urn]),
    );
    expect(deps("prod:t_acme:kpi")).toContain(run.byName("registry-database").urn);
    for (const doc of run.byType(DOC)) {
      expect(doc.deleteBeforeReplace).toBe(true);
      expect(doc.protect).toBe(false);
      expect(doc.parent).toBe(run.byName("routing-table").urn);
    }
  });

  test("registers the routing table as plain outputs known at preview", () => {
    const table = run.byName("routing-table");
    expect(table.outputs).toMatchObject({ env: "prod", collection: "resource_routes", database: "(default)", project: "northstar-prod", routesFile: "routes/prod.ts" });
    const routes = table.outputs.routes as string[];
    expect(routes).toHaveLength(68);
    expect(routes).toContain("prod:t_beta:chat_bus redis chatBusBeta redis:northstar-prod/europe-west1/routing-prod-chat-bus-beta");
    expect(routes).toContain("prod:t_acme:raw_storage:p_launch s3 launchRaw s3:northstar-prod-launch-raw");
    expect(table.outputs.tenants).toEqual(["t_acme", "t_beta", "t_corvid"]);
    expect(table.outputs.projects).toEqual({ t_acme: ["p_launch"] });
  });
});
