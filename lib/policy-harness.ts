// Drives the policy pack the way the Pulumi engine does, without the Pulumi CLI:
//
// 1. starts an Engine gRPC server (Log, GetRootResource, SetRootResource) for the pack
//    to log to;
// 2. starts the pack with `node @pulumi/pulumi/cmd/run-policy-pack <engine> .` in the
//    pack directory, with stack, project, organization, dry-run and config in the
//    environment, and reads the gRPC port from the first line of its stdout;
// 3. speaks the Analyzer protocol: GetAnalyzerInfo, ConfigureStack, Configure,
//    Analyze per resource (inputs), AnalyzeStack (outputs, the Stack resource included),
//    with properties as the engine encodes them (preview unknowns as the sentinel
//    string, secrets as signature objects) and AnalyzerResourceOptions on every resource.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";
import * as grpc from "@grpc/grpc-js";
import type { RecordedResource } from "./mock-engine";

/* eslint-disable @typescript-eslint/no-require-imports */
const analyzerProto = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const engineProto = require("@pulumi/pulumi/proto/engine_pb");
const engineGrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const structProto = require("google-protobuf/google/protobuf/struct_pb");
const emptyProto = require("google-protobuf/google/protobuf/empty_pb");

export const POLICY_DIR = path.resolve(__dirname, "../policy");
const RUN_POLICY_PACK = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
const SEVERITIES = ["", "low", "medium", "high", "critical"];

export interface Diagnostic {
  readonly policyName: string;
  readonly description: string;
  readonly policyPackName: string;
  readonly policyPackVersion: string;
  readonly message: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity: string;
  readonly urn: string;
}

export interface PolicyInfo {
  readonly name: string;
  readonly policyType: "resource" | "stack" | "unknown";
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity: string;
  readonly configSchema: unknown;
}

export interface AnalyzerInfo {
  readonly name: string;
  readonly version: string;
  readonly policies: readonly PolicyInfo[];
}

export interface PackStartOptions {
  readonly stack: string;
  readonly project: string;
  readonly organization?: string;
  /** Stack config, full keys to strings, as the engine passes it (PULUMI_CONFIG). */
  readonly config: Readonly<Record<string, string>>;
  readonly dryRun: boolean;
  readonly packDir?: string;
  /** Milliseconds to wait for the pack to print its port. @default 60000 */
  readonly startTimeoutMs?: number;
}

/** Per-policy config as in a `--policy-pack-config` file: a level, or an object with enforcementLevel and properties. */
export type PolicyPackConfig = Readonly<Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>>;

export interface EngineLogEntry {
  readonly severity: "debug" | "info" | "warning" | "error";
  readonly message: string;
}

function toStruct(value: Record<string, unknown>): unknown {
  return structProto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}

function unary<Req, Res>(client: any, method: string, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    client[method](request, (error: grpc.ServiceError | null, response: Res) => (error ? reject(error) : resolve(response)));
  });
}

/** The default provider the engine would attach to a custom resource. */
function providerOf(resource: RecordedResource, stack: string, project: string) {
  const pkg = resource.type.split(":")[0];
  const provider = new analyzerProto.AnalyzerProviderResource();
  provider.setType(`pulumi:providers:${pkg}`);
  provider.setName("default");
  provider.setUrn(resource.provider ? resource.provider.split("::").slice(0, -1).join("::") : `urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::default`);
  provider.setProperties(toStruct({}));
  return provider;
}

function optionsOf(resource: RecordedResource) {
  const options = new analyzerProto.AnalyzerResourceOptions();
  options.setProtect(resource.protect);
  options.setIgnorechangesList([...resource.ignoreChanges]);
  options.setDeletebeforereplace(resource.deleteBeforeReplace);
  options.setDeletebeforereplacedefined(resource.deleteBeforeReplace);
  options.setAdditionalsecretoutputsList([...resource.additionalSecretOutputs]);
  options.setAliasesList([]);
  options.setParent(resource.parent);
  return options;
}

export class PolicyPackHarness {
  private constructor(
    private readonly pack: ChildProcess,
    private readonly engine: grpc.Server,
    private readonly client: any,
    private readonly options: PackStartOptions,
    readonly logs: EngineLogEntry[],
    private readonly stderr: string[],
    readonly startMs: number,
  ) {}

  /** Starts the pack as the engine does and connects to it. */
  static async start(options: PackStartOptions): Promise<PolicyPackHarness> {
    const began = Date.now();
    const logs: EngineLogEntry[] = [];
    const engine = new grpc.Server();
    engine.addService(engineGrpc.EngineService, {
      log: (call: any, callback: any) => {
        const severity = (["debug", "info", "warning", "error"] as const)[call.request.getSeverity()] ?? "info";
        logs.push({ severity, message: call.request.getMessage() });
        callback(null, new emptyProto.Empty());
      },
      getRootResource: (_call: any, callback: any) => callback(null, new engineProto.GetRootResourceResponse()),
      setRootResource: (_call: any, callback: any) => callback(null, new engineProto.SetRootResourceResponse()),
    });
    const enginePort = await new Promise<number>((resolve, reject) =>
      engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    const engineAddress = `127.0.0.1:${enginePort}`;

    const packDir = options.packDir ?? POLICY_DIR;
    // ROUTING_INFRA_PACK_NODE_ARGS passes flags to the pack's node, e.g. "--cpu-prof" to profile it.
    const nodeArgs = (process.env.ROUTING_INFRA_PACK_NODE_ARGS ?? "").split(" ").filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, RUN_POLICY_PACK, engineAddress, "."], {
      cwd: packDir,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PULUMI_NODEJS_STACK: options.stack,
        PULUMI_NODEJS_PROJECT: options.project,
        PULUMI_NODEJS_ORGANIZATION: options.organization ?? "organization",
        PULUMI_NODEJS_DRY_RUN: String(options.dryRun),
        PULUMI_NODEJS_ENGINE: engineAddress,
        PULUMI_CONFIG: JSON.stringify(options.config),
        PULUMI_CONFIG_SECRET_KEYS: "[]",
      },
    });
    const stderr: string[] = [];
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => stderr.push(chunk));

    let port: number;
    try {
      port = await new Promise<number>((resolve, reject) => {
        const lines = readline.createInterface({ input: child.stdout! });
        const timer = setTimeout(() => reject(new Error(`the policy pack printed no port within ${options.startTimeoutMs ?? 60000} ms`)), options.startTimeoutMs ?? 60000);
        lines.once("line", (line) => {
          clearTimeout(timer);
          const value = Number(line.trim());
          if (Number.isInteger(value) && value > 0) resolve(value);
          else reject(new Error(`the policy pack printed "${line}" instead of its port`));
        });
        child.once("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`the policy pack exited with code ${code} before printing its port`));
        });
      });
    } catch (error) {
      child.kill("SIGKILL");
      engine.forceShutdown();
      // The pack reports a load failure to the engine's log, as under the Pulumi CLI.
      const logged = logs.filter((l) => l.severity === "error").map((l) => l.message);
      const detail = [...logged, stderr.join("")].join("\n").trim();
      throw new Error(`${(error as Error).message}${detail ? `:\n${detail}` : ""}`);
    }
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const harness = new PolicyPackHarness(child, engine, client, options, logs, stderr, Date.now() - began);
    await harness.configureStack();
    return harness;
  }

  /** What the pack reported about itself in stderr (load failures land here). */
  get packStderr(): string {
    return this.stderr.join("");
  }

  async analyzerInfo(): Promise<AnalyzerInfo> {
    const info = await unary<any, any>(this.client, "getAnalyzerInfo", new emptyProto.Empty());
    return {
      name: info.getName(),
      version: info.getVersion(),
      policies: info.getPoliciesList().map((p: any) => ({
        name: p.getName(),
        policyType: (["unknown", "resource", "stack"] as const)[p.getPolicyType()] ?? "unknown",
        description: p.getDescription(),
        enforcementLevel: LEVELS[p.getEnforcementlevel()],
        severity: SEVERITIES[p.getSeverity()] ?? "",
        configSchema: p.getConfigschema()?.getProperties()?.toJavaScript(),
      })),
    };
  }

  private async configureStack(): Promise<void> {
    const request = new analyzerProto.AnalyzerStackConfigureRequest();
    request.setStack(this.options.stack);
    request.setProject(this.options.project);
    request.setOrganization(this.options.organization ?? "organization");
    request.setDryRun(this.options.dryRun);
    const config = request.getConfigMap();
    for (const [key, value] of Object.entries(this.options.config)) config.set(key, value);
    await unary(this.client, "configureStack", request);
  }

  /** Sends policy config (as `--policy-pack-config` would). */
  async configure(policyConfig: PolicyPackConfig): Promise<void> {
    const request = new analyzerProto.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    for (const [name, value] of Object.entries(policyConfig)) {
      const entry = new analyzerProto.PolicyConfig();
      const { enforcementLevel, ...properties } = typeof value === "string" ? { enforcementLevel: value } : value;
      entry.setEnforcementlevel(LEVELS.indexOf(enforcementLevel ?? "mandatory"));
      entry.setProperties(toStruct(properties));
      map.set(name, entry);
    }
    await unary(this.client, "configure", request);
  }

  /** The fields AnalyzeRequest and AnalyzerResource share, filled as the engine fills them. */
  private describe<M>(message: M, resource: RecordedResource, properties: Record<string, unknown>): M {
    const m = message as any;
    m.setType(resource.type);
    m.setProperties(toStruct(properties));
    m.setUrn(resource.urn);
    m.setName(resource.name);
    m.setOptions(optionsOf(resource));
    if (resource.custom) m.setProvider(providerOf(resource, this.options.stack, this.options.project));
    return message;
  }

  /** Analyze: one resource's inputs, as the engine sends each resource at its step. */
  async analyze(resource: RecordedResource): Promise<Diagnostic[]> {
    const request = this.describe(new analyzerProto.AnalyzeRequest(), resource, resource.inputs);
    const response = await unary<any, any>(this.client, "analyze", request);
    return readDiagnostics(response);
  }

  /** AnalyzeStack: every resource with its outputs, once the program has finished. */
  async analyzeStack(resources: readonly RecordedResource[]): Promise<{ diagnostics: Diagnostic[]; notApplicable: string[]; encodeMs: number; rpcMs: number }> {
    const encodeStart = performance.now();
    const request = new analyzerProto.AnalyzeStackRequest();
    request.setResourcesList(
      resources.map((resource) => {
        const r = this.describe(new analyzerProto.AnalyzerResource(), resource, resource.outputs);
        r.setParent(resource.parent);
        r.setDependenciesList([...resource.dependencies]);
        const deps = r.getPropertydependenciesMap();
        for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
          const list = new analyzerProto.AnalyzerPropertyDependencies();
          list.setUrnsList([...urns]);
          deps.set(key, list);
        }
        return r;
      }),
    );
    const rpcStart = performance.now();
    const response = await unary<any, any>(this.client, "analyzeStack", request);
    return {
      encodeMs: rpcStart - encodeStart,
      rpcMs: performance.now() - rpcStart,
      diagnostics: readDiagnostics(response),
      notApplicable: response.getNotApplicableList().map((n: any) => `${n.getPolicyName()}: ${n.getReason()}`),
    };
  }

  /**
   * Waits until `count` log entries match (the pack's logs travel by separate RPCs and
   * may arrive after the AnalyzeStack response), or `timeoutMs` passes.
   */
  async waitForLogs(match: (entry: EngineLogEntry) => boolean, count: number, timeoutMs = 5000): Promise<EngineLogEntry[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.logs.filter(match);
      if (found.length >= count || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The pack process's peak resident memory (Linux), in MiB. */
  packPeakMb(): number | undefined {
    try {
      const status = require("fs").readFileSync(`/proc/${this.pack.pid}/status`, "utf8") as string;
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
      return Number.isFinite(kb) ? kb / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    this.client.close();
    await new Promise<void>((resolve) => {
      if (this.pack.exitCode !== null || this.pack.signalCode !== null) return resolve();
      this.pack.once("exit", () => resolve());
      this.pack.kill("SIGTERM");
      setTimeout(() => this.pack.kill("SIGKILL"), 2000).unref();
    });
    this.engine.forceShutdown();
  }
}

function readDiagnostics(response: any): Diagnostic[] {
  return response.getDiagnosticsList().map((d: any) => ({
    policyName: d.getPolicyname(),
    policyPackName: d.getPolicypackname(),
    policyPackVersion: d.getPolicypackversion(),
    description: d.getDescription(),
    // The policy SDK sends "<description>\n<violation message>"; keep the violation's own words.
    message: stripPrefix(d.getMessage(), `${d.getDescription()}\n`),
    enforcementLevel: LEVELS[d.getEnforcementlevel()],
    severity: SEVERITIES[d.getSeverity()] ?? "",
    urn: d.getUrn(),
  }));
}

function stripPrefix(text: string, prefix: string): string {
  return prefix.length > 1 && text.startsWith(prefix) ? text.slice(prefix.length) : text;
}
