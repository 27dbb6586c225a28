import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface S3BucketArgs {
  /** The bucket's exact name: routes name their bucket, so it is never auto-suffixed. */
  readonly bucketName: string;
  readonly region: string;
  /** Production rules: `protect` on the bucket, no force-destroy. */
  readonly production: boolean;
}

/**
 * An S3 bucket for a storage kind: versioned, encrypted at rest, closed to the public,
 * and reachable only over TLS.
 */
export class S3Bucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly versioning: aws.s3.BucketVersioning;
  readonly encryption: aws.s3.BucketServerSideEncryptionConfiguration;
  readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;
  readonly policy: aws.s3.BucketPolicy;

  constructor(name: string, args: S3BucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("routing-infra:backends:S3Bucket", name, {}, opts);
    const region = args.region;
    this.bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      { bucket: args.bucketName, region, forceDestroy: !args.production, tags: { "managed-by": "routing-infra" } },
      { parent: this, protect: args.production },
    );
    this.versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: this.bucket.id, region, versioningConfiguration: { status: "Enabled" } },
      { parent: this },
    );
    this.encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: this.bucket.id,
        region,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
      },
      { parent: this },
    );
    this.publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access-block`,
      { bucket: this.bucket.id, region, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      { parent: this },
    );
    // Applied after the public access block: S3 evaluates a new policy against it.
    this.policy = new aws.s3.BucketPolicy(
      `${name}-deny-insecure-transport`,
      { bucket: this.bucket.id, region, policy: this.bucket.arn.apply(denyInsecureTransportPolicy) },
      { parent: this, dependsOn: [this.publicAccessBlock] },
    );
    this.registerOutputs({
      bucket: args.bucketName,
      region,
      versioning: "Enabled",
      encryption: "aws:kms",
      publicAccessBlocked: true,
      tlsOnly: true,
    });
  }
}

/** A bucket policy that refuses every request not made over TLS. */
export function denyInsecureTransportPolicy(bucketArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  });
}
