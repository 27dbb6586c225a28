import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export interface RedisInstanceArgs {
  readonly project: string;
  readonly region: string;
  /** Memorystore instance ID (at most 40 characters). */
  readonly instanceId: string;
  readonly tier: "BASIC" | "STANDARD_HA";
  readonly memorySizeGb: number;
  readonly redisVersion: string;
  /** Secret Manager secret ID that receives the AUTH string. */
  readonly authSecretId: string;
  /** RDB snapshots, so a restart or failover does not lose the bus. */
  readonly persistence: boolean;
  /** Production rules: `protect` on the instance and its secret. */
  readonly production: boolean;
}

/**
 * A Memorystore for Redis instance with AUTH and in-transit encryption. The AUTH string
 * goes to Secret Manager and only the secret's *name* is ever written into a route.
 */
export class RedisInstance extends pulumi.ComponentResource {
  readonly instance: gcp.redis.Instance;
  readonly authSecret: gcp.secretmanager.Secret;
  readonly authSecretVersion: gcp.secretmanager.SecretVersion;
  readonly host: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;

  constructor(name: string, args: RedisInstanceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("routing-infra:backends:RedisInstance", name, {}, opts);
    this.instance = new gcp.redis.Instance(
      `${name}-instance`,
      {
        project: args.project,
        region: args.region,
        name: args.instanceId,
        tier: args.tier,
        memorySizeGb: args.memorySizeGb,
        redisVersion: args.redisVersion,
        authEnabled: true,
        transitEncryptionMode: "SERVER_AUTHENTICATION",
        persistenceConfig: args.persistence
          ? { persistenceMode: "RDB", rdbSnapshotPeriod: "ONE_HOUR" }
          : { persistenceMode: "DISABLED" },
        deletionProtection: args.production,
        labels: { "managed-by": "routing-infra" },
      },
      { parent: this, protect: args.production },
    );
    this.authSecret = new gcp.secretmanager.Secret(
      `${name}-auth`,
      {
        project: args.project,
        secretId: args.authSecretId,
        replication: { auto: {} },
        labels: { "managed-by": "routing-infra" },
      },
      { parent: this, protect: args.production },
    );
    this.authSecretVersion = new gcp.secretmanager.SecretVersion(
      `${name}-auth-version`,
      { secret: this.authSecret.id, secretData: pulumi.secret(this.instance.authString) },
      { parent: this },
    );
    this.host = this.instance.host;
    this.port = this.instance.port;
    this.registerOutputs({
      instanceId: args.instanceId,
      tier: args.tier,
      memorySizeGb: args.memorySizeGb,
      authEnabled: true,
      transitEncryption: true,
      persistence: args.persistence ? "RDB" : "DISABLED",
      authSecretId: args.authSecretId,
    });
  }
}
