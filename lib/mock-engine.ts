// Runs a Pulumi program in-process under `pulumi.runtime.setMocks`, and records what
// the SDK sends to the engine: each RegisterResource request exactly as serialized
// (preview unknowns as the engine's sentinel string, secrets as signature objects,
// options such as protect and deleteBeforeReplace), the outputs the "provider"
// returned, and every component's registerOutputs. The policy harness replays this
// record to the pack over the Analyzer protocol, as the engine would.
import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as runtimeState from "@pulumi/pulumi/runtime/state";
import { ENGINE_UNKNOWN } from "../policy/core/values";

// Internal to the SDK (not in its typings): the per-process store of the running program.
const state = runtimeState as unknown as { setStackResource(resource: unknown): void; getStore(): unknown };

/** The engine's encoding of a value unknown at preview. */
export const UNKNOWN = ENGINE_UNKNOWN;
/** The signature key and value the engine uses for secrets in a Struct. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent: string;
  readonly id: string;
  /** Inputs as the SDK serialized them (wire form). */
  readonly inputs: Record<string, unknown>;
  /** Outputs as the engine would hold them: inputs plus what the provider computed (or unknowns). */
  outputs: Record<string, unknown>;
  readonly protect: boolean;
  readonly deleteBeforeReplace: boolean;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly provider: string;
  readonly ignoreChanges: readonly string[];
  readonly additionalSecretOutputs: readonly string[];
}

export interface MockRunOptions {
  readonly project: string;
  readonly stack: string;
  readonly organization?: string;
  /** Full keys ("routing-infra:env") to string values, as Pulumi passes config. */
  readonly config: Readonly<Record<string, string>>;
  /** Run as `pulumi preview` (true) or `pulumi up` (false). @default true */
  readonly preview?: boolean;
  /**
   * The first preview of a new stack: nothing exists yet, so every output a provider
   * computes (ids, hosts, ARNs) is unknown. @default false
   */
  readonly firstPreview?: boolean;
}

export interface MockRunResult<T> {
  readonly resources: RecordedResource[];
  readonly stackOutputs: T;
  /** Milliseconds from process start to the first custom resource registered (start-up cost). */
  readonly firstRegistrationMs: number | undefined;
}

function stableHash(text: string): number {
  return crypto.createHash("sha256").update(text).digest().readUInt32BE(0);
}

/**
 * What a provider computes for the resource types this package creates. Realistic:
 * an S3 bucket's id is its name, a Redis instance gets a private IP and the TLS port.
 */
export function computedOutputs(type: string, name: string, inputs: Record<string, any>): { id: string; outputs: Record<string, unknown> } {
  const h = stableHash(`${type}/${name}`);
  switch (type) {
    case "gcp:firestore/database:Database": {
      const id = `projects/${inputs.project}/databases/${inputs.name}`;
      return { id, outputs: { uid: `uid-${h.toString(16)}`, etag: `etag-${h}` } };
    }
    case "gcp:firestore/document:Document": {
      const path = `${inputs.collection}/${inputs.documentId}`;
      const name = `projects/${inputs.project}/databases/${inputs.database ?? "(default)"}/documents/${path}`;
      return { id: name, outputs: { name, path, createTime: "2026-01-01T00:00:00Z", updateTime: "2026-01-01T00:00:00Z" } };
    }
    case "gcp:redis/instance:Instance": {
      const host = `10.${(h >> 16) & 255}.${(h >> 8) & 255}.${(h & 251) + 4}`;
      const port = inputs.transitEncryptionMode === "SERVER_AUTHENTICATION" ? 6378 : 6379;
      const id = `projects/${inputs.project}/locations/${inputs.region}/instances/${inputs.name}`;
      return { id, outputs: { host, port, authString: `mock-auth-${h.toString(36)}`, currentLocationId: `${inputs.region}-b` } };
    }
    case "gcp:secretmanager/secret:Secret": {
      const id = `projects/${inputs.project}/secrets/${inputs.secretId}`;
      return { id, outputs: { name: id } };
    }
    case "gcp:secretmanager/secretVersion:SecretVersion": {
      const id = `${inputs.secret}/versions/1`;
      return { id, outputs: { name: id, version: "1" } };
    }
    case "aws:s3/bucket:Bucket":
      return {
        id: inputs.bucket,
        outputs: { arn: `arn:aws:s3:::${inputs.bucket}`, bucketDomainName: `${inputs.bucket}.s3.amazonaws.com`, region: inputs.region },
      };
    default:
      if (type.startsWith("aws:s3/")) return { id: String(inputs.bucket ?? name), outputs: {} };
      return { id: `${name}-id`, outputs: {} };
  }
}

class RecordingMonitor extends MockMonitor {
  readonly records: RecordedResource[] = [];
  /** Milliseconds from process start to the first custom resource's registration. */
  firstCustomAt: number | undefined;
  private readonly byUrn = new Map<string, RecordedResource>();

  constructor(mocks: pulumi.runtime.Mocks, private readonly firstPreview: boolean) {
    super(mocks);
  }

  override async registerResource(req: any, callback: (err: any, response: any) => void) {
    if (req.getCustom() && this.firstCustomAt === undefined) this.firstCustomAt = process.uptime() * 1000;
    await super.registerResource(req, (err: any, response: any) => {
      if (!err && response) {
        const inputs = req.getObject()?.toJavaScript() ?? {};
        const returned = response.getObject()?.toJavaScript() ?? {};
        const custom: boolean = req.getCustom();
        const outputs: Record<string, unknown> = { ...inputs };
        if (custom) {
          const computed = computedOutputs(req.getType(), req.getName(), inputs);
          for (const key of Object.keys(computed.outputs)) {
            outputs[key] = this.firstPreview ? UNKNOWN : returned[key] ?? computed.outputs[key];
          }
        }
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap()?.forEach((deps: any, key: string) => {
          propertyDependencies[key] = deps.getUrnsList();
        });
        const record: RecordedResource = {
          urn: response.getUrn(),
          type: req.getType(),
          name: req.getName(),
          custom,
          parent: req.getParent(),
          id: custom ? (this.firstPreview ? "" : response.getId()) : "",
          inputs,
          outputs: custom ? outputs : {},
          protect: req.getProtect() === true,
          deleteBeforeReplace: req.getDeletebeforereplace() === true,
          dependencies: req.getDependenciesList(),
          propertyDependencies,
          provider: req.getProvider(),
          ignoreChanges: req.getIgnorechangesList(),
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        };
        this.records.push(record);
        this.byUrn.set(record.urn, record);
      }
      callback(err, response);
    });
  }

  override registerResourceOutputs(req: any, callback: (err: any, response: any) => void) {
    const record = this.byUrn.get(req.getUrn());
    if (record) record.outputs = req.getOutputs()?.toJavaScript() ?? {};
    super.registerResourceOutputs(req, callback);
  }
}

/**
 * Drops the SDK's references to the finished run (the stack resource and, through it,
 * every resource object; the mock monitor's state), keeping only the plain records.
 * At tens of thousands of resources the SDK's objects are gigabytes that the gate would
 * otherwise carry while it encodes the AnalyzeStack request.
 */
function releaseRuntime(monitor: RecordingMonitor, mocks: pulumi.runtime.Mocks, options: MockRunOptions, preview: boolean) {
  (monitor as unknown as { resources: Map<string, unknown> }).resources.clear();
  state.setStackResource(undefined);
  const store = state.getStore() as unknown as { leakCandidates?: Set<unknown> };
  store.leakCandidates?.clear();
  settings.setMockOptions(new MockMonitor(mocks), options.project, options.stack, preview, options.organization);
}

/**
 * Runs `program` as the root of a `pulumi:pulumi:Stack`, like the Node.js language host
 * does, and returns the recorded resources once every RPC has settled.
 */
export async function runUnderMocks<T>(options: MockRunOptions, program: () => T | Promise<T>): Promise<MockRunResult<Awaited<T>>> {
  const preview = options.preview ?? true;
  const firstPreview = options.firstPreview ?? false;
  const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
      if (!args.custom) return { id: undefined, state: {} };
      const computed = computedOutputs(args.type, args.name, args.inputs);
      if (firstPreview) return { id: "", state: { ...args.inputs } };
      return { id: computed.id, state: { ...args.inputs, ...computed.outputs } };
    },
    call(args) {
      return args.inputs;
    },
  };
  pulumi.runtime.setAllConfig({ ...options.config });
  await pulumi.runtime.setMocks(mocks, options.project, options.stack, preview, options.organization);
  const monitor = new RecordingMonitor(mocks, firstPreview);
  settings.setMockOptions(monitor, options.project, options.stack, preview, options.organization);
  // An error thrown by the program is held and rethrown once the runtime has settled:
  // thrown inside the Stack's init it would surface as an unhandled rejection in the SDK.
  let failure: { error: unknown } | undefined;
  const stackOutputs = (await pulumi.runtime.runInPulumiStack(async () => {
    try {
      return await program();
    } catch (error) {
      failure = { error };
      return {};
    }
  })) as Awaited<T>;
  // waitForRPCs is internal (not in the typings): it resolves once every outstanding RPC has settled.
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  releaseRuntime(monitor, mocks, options, preview);
  if (failure) throw failure.error;
  return { resources: monitor.records, stackOutputs, firstRegistrationMs: monitor.firstCustomAt };
}
