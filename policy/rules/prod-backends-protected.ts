import { Finding, Rule } from "../core/rule";
import type { ResourceInput, StackView } from "../core/view";
import { envLabel } from "../core/rule";
import { isUnknown, obj, show } from "../core/values";

/**
 * The data behind production routes must survive: Firestore with point-in-time
 * recovery and delete protection; Redis on the HA tier with persistence, AUTH and TLS;
 * S3 versioned, encrypted, closed to the public; and every one of them `protect`ed so
 * no `pulumi up` can delete or replace it without first removing the protection.
 * A value unknown at preview does not pass (fail closed).
 */
export const prodBackendsProtected: Rule = {
  name: "routing-prod-backends-protected",
  description: "Production data backends are durable and protected: Firestore PITR + delete protection, Redis STANDARD_HA + persistence + AUTH + TLS, S3 versioning + encryption + public-access block, and protect on each.",
  severity: "high",
  configSchema: {},
  evaluate(view) {
    if (!view.isProtected) return [];
    const env = envLabel(view);
    const findings: Finding[] = [];
    const expect = (resource: ResourceInput, what: string, actual: unknown, ok: boolean, fix: string) => {
      if (ok && !isUnknown(actual)) return;
      findings.push({
        urn: resource.urn,
        message: `${env} ${describe(resource)}: ${what} is ${show(actual)}; ${fix}. Set it in the backend's component (infra/) or its backend in ${view.routesFile}.`,
      });
    };
    const expectProtected = (resource: ResourceInput) => {
      if (!resource.protect) {
        findings.push({ urn: resource.urn, message: `${env} ${describe(resource)} is not protected; create it with { protect: true } so it cannot be deleted or replaced by a pulumi up.` });
      }
    };

    for (const r of view.resources) {
      const p = r.props;
      switch (r.type) {
        case "gcp:firestore/database:Database":
          expect(r, "pointInTimeRecoveryEnablement", p.pointInTimeRecoveryEnablement, p.pointInTimeRecoveryEnablement === "POINT_IN_TIME_RECOVERY_ENABLED", 'must be "POINT_IN_TIME_RECOVERY_ENABLED"');
          expect(r, "deleteProtectionState", p.deleteProtectionState, p.deleteProtectionState === "DELETE_PROTECTION_ENABLED", 'must be "DELETE_PROTECTION_ENABLED"');
          expectProtected(r);
          break;
        case "gcp:redis/instance:Instance": {
          const persistence = obj(p.persistenceConfig);
          const mode = persistence && !isUnknown(persistence) ? (persistence as Record<string, unknown>).persistenceMode : persistence;
          expect(r, "tier", p.tier, p.tier === "STANDARD_HA", 'must be "STANDARD_HA" (a BASIC instance has no replica and loses the bus on failure)');
          expect(r, "persistenceConfig.persistenceMode", mode, mode === "RDB", 'must be "RDB" so a restart does not lose data');
          expect(r, "authEnabled", p.authEnabled, p.authEnabled === true, "must be true");
          expect(r, "transitEncryptionMode", p.transitEncryptionMode, p.transitEncryptionMode === "SERVER_AUTHENTICATION", 'must be "SERVER_AUTHENTICATION"');
          expectProtected(r);
          break;
        }
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2":
          checkBucket(view, r, findings, env);
          expectProtected(r);
          break;
      }
    }
    return findings;
  },
};

function describe(resource: ResourceInput): string {
  return `${resource.type.split(":").pop()} ${resource.name}`;
}

/** A bucket's companion resources: same bucket name, or (at preview, name unknown) a dependency on the bucket. */
function companions(view: StackView, bucket: ResourceInput, types: readonly string[]): ResourceInput[] {
  const name = bucket.props.bucket;
  return view.resources.filter(
    (r) => types.includes(r.type) && ((!isUnknown(r.props.bucket) && r.props.bucket === name) || (isUnknown(r.props.bucket) && r.dependencies.includes(bucket.urn))),
  );
}

function checkBucket(view: StackView, bucket: ResourceInput, findings: Finding[], env: string) {
  const label = `Bucket ${bucket.name}${typeof bucket.props.bucket === "string" && !isUnknown(bucket.props.bucket) ? ` (${bucket.props.bucket})` : ""}`;
  const missing = (what: string, fix: string) => findings.push({ urn: bucket.urn, message: `${env} ${label}: ${what}; ${fix}.` });

  const inlineVersioning = obj(bucket.props.versioning);
  const versioned =
    (inlineVersioning && !isUnknown(inlineVersioning) && (inlineVersioning as Record<string, unknown>).enabled === true) ||
    companions(view, bucket, ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"]).some(
      (v) => (obj(v.props.versioningConfiguration) as Record<string, unknown> | undefined)?.status === "Enabled",
    );
  if (!versioned) missing("versioning is not enabled", 'add an aws.s3.BucketVersioning with status "Enabled"');

  const encrypted =
    bucket.props.serverSideEncryptionConfiguration !== undefined && !isUnknown(bucket.props.serverSideEncryptionConfiguration)
      ? true
      : companions(view, bucket, ["aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"]).some(
          (e) => Array.isArray(e.props.rules) && e.props.rules.length > 0,
        );
  if (!encrypted) missing("server-side encryption is not configured", "add an aws.s3.BucketServerSideEncryptionConfiguration");

  const blocks = companions(view, bucket, ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"]);
  const flags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
  const fullBlock = blocks.some((b) => flags.every((flag) => b.props[flag] === true));
  if (!fullBlock) {
    const partial = blocks[0] ? flags.filter((flag) => blocks[0].props[flag] !== true) : flags;
    missing(`the public access block is ${blocks[0] ? `incomplete (${partial.join(", ")} not true)` : "missing"}`, "add an aws.s3.BucketPublicAccessBlock with all four settings true");
  }
}
