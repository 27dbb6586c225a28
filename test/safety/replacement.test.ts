// Replacement safety: route documents are deleted before they are replaced (same ID),
// and every prod data resource is protected.
import { recordStack } from "../policy/pack-fixture";
import type { RecordedResource } from "../../lib/mock-engine";

let prod: RecordedResource[];
beforeAll(async () => {
  prod = await recordStack("prod");
});

test("a route document is replaced delete-first, so the replacement is not deleted after it is created", () => {
  const docs = prod.filter((r) => r.type === "gcp:firestore/document:Document");
  expect(docs).toHaveLength(68);
  expect(docs.filter((d) => !d.deleteBeforeReplace)).toEqual([]);
});

test("exactly the prod data resources are protected: databases, Redis instances and their AUTH secrets, buckets", () => {
  const protectedOnes = prod.filter((r) => r.protect).map((r) => `${r.type} ${r.name}`).sort();
  expect(protectedOnes).toEqual(
    [
      "aws:s3/bucket:Bucket betaMedia-bucket",
      "aws:s3/bucket:Bucket launchRaw-bucket",
      "aws:s3/bucket:Bucket media-bucket",
      "aws:s3/bucket:Bucket raw-bucket",
      "gcp:firestore/database:Database registry-database",
      "gcp:redis/instance:Instance chatBus-instance",
      "gcp:redis/instance:Instance chatBusBeta-instance",
      "gcp:secretmanager/secret:Secret chatBus-auth",
      "gcp:secretmanager/secret:Secret chatBusBeta-auth",
    ].sort(),
  );
  // Belt and braces below Pulumi's protect: the providers' own guards.
  expect(prod.find((r) => r.name === "registry-database")!.inputs).toMatchObject({ deleteProtectionState: "DELETE_PROTECTION_ENABLED", deletionPolicy: "ABANDON" });
  for (const r of prod.filter((x) => x.type === "gcp:redis/instance:Instance")) expect(r.inputs.deletionProtection).toBe(true);
  for (const r of prod.filter((x) => x.type === "aws:s3/bucket:Bucket")) expect(r.inputs.forceDestroy).toBe(false);
});
