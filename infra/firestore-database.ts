import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export interface FirestoreDatabaseArgs {
  readonly project: string;
  /** Firestore database ID, e.g. "routing-data" or "(default)". */
  readonly databaseId: string;
  /** A region or multi-region such as "eur3". */
  readonly location: string;
  /** Production rules: point-in-time recovery, delete protection, `protect`, and abandon rather than delete. */
  readonly production: boolean;
}

/** A Firestore (native mode) database that serves Firestore-backed kinds. */
export class FirestoreDatabase extends pulumi.ComponentResource {
  readonly database: gcp.firestore.Database;
  readonly project: string;
  readonly databaseId: string;

  constructor(name: string, args: FirestoreDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("routing-infra:backends:FirestoreDatabase", name, {}, opts);
    this.project = args.project;
    this.databaseId = args.databaseId;
    this.database = new gcp.firestore.Database(
      `${name}-database`,
      {
        project: args.project,
        name: args.databaseId,
        locationId: args.location,
        type: "FIRESTORE_NATIVE",
        pointInTimeRecoveryEnablement: args.production ? "POINT_IN_TIME_RECOVERY_ENABLED" : "POINT_IN_TIME_RECOVERY_DISABLED",
        deleteProtectionState: args.production ? "DELETE_PROTECTION_ENABLED" : "DELETE_PROTECTION_DISABLED",
        // Removing a prod database from the code must never delete its data.
        deletionPolicy: args.production ? "ABANDON" : "DELETE",
      },
      { parent: this, protect: args.production },
    );
    this.registerOutputs({
      project: args.project,
      database: args.databaseId,
      pointInTimeRecovery: args.production,
      deleteProtection: args.production,
    });
  }
}
