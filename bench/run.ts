// `npm run bench`: measures the gate and the program as tenants grow, prints a table and
// writes docs/benchmarks.md. Every run is a fresh process. Numbers, not pass/fail: a slow
// machine never fails anything here.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { syntheticRouteFile } from "./synthetic";

const ROOT = path.resolve(__dirname, "..");
const CHILD = path.join(__dirname, "child.js");
const QUICK = process.argv.includes("--quick");
const SIZES = QUICK ? [10, 100] : [10, 100, 1000];
const RUNS: Record<number, number> = { 10: 5, 100: 3, 1000: 2 };

type Row = Record<string, number>;

function child(args: string[], env: Record<string, string> = {}): Row {
  const out = execFileSync(process.execPath, [CHILD, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.trim().split("\n").pop()!);
}

function repeat(times: number, label: string, run: () => Row): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < times; i++) {
    process.stderr.write(`  ${label} run ${i + 1}/${times}...\n`);
    rows.push(run());
  }
  return rows;
}

interface Stat {
  median: number;
  min: number;
  max: number;
}

function stat(rows: Row[], key: string): Stat {
  const values = rows.map((r) => r[key]).filter((v) => typeof v === "number").sort((a, b) => a - b);
  if (values.length === 0) return { median: NaN, min: NaN, max: NaN };
  const mid = Math.floor(values.length / 2);
  const median = values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  return { median, min: values[0], max: values[values.length - 1] };
}

const sec = (ms: number) => (ms / 1000).toFixed(2);
const fmt = (s: Stat, unit: "s" | "MiB" | "ms") =>
  unit === "s" ? `${sec(s.median)} s (${sec(s.min)}-${sec(s.max)})` : unit === "ms" ? `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}-${s.max.toFixed(0)})` : `${s.median.toFixed(0)} MiB`;

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

function main() {
  const started = new Date();
  process.stderr.write("routing-infra benchmarks (fresh process per run)\n");
  const timing = { ROUTING_INFRA_PACK_TIMINGS: "1" };

  // 1. The offline gate on the shipped prod stack.
  const prod = repeat(5, "gate, shipped prod stack", () => child(["gate", "-"], timing));

  // 2. Scale: 17 kinds x N tenants, the gate beside the floor.
  const scale = SIZES.map((n) => {
    const file = syntheticRouteFile(n);
    const runs = RUNS[n];
    const gate = repeat(runs, `gate, ${n} tenants`, () => child(["gate", file], timing));
    const documents = gate[0].routes;
    const floor = repeat(runs, `floor, ${documents} documents`, () => child(["floor", String(documents)]));
    const floorNoTraces = repeat(runs, `floor without stack traces, ${documents} documents`, () => child(["floor", String(documents)], { BENCH_STACK_TRACE_LIMIT: "0" }));
    return { n, documents, gate, floor, floorNoTraces };
  });

  // 3. Start-up.
  const packStart = repeat(5, "pack start-up (swc, as shipped)", () => child(["pack-start"]));
  const packTypecheck = repeat(1, "pack start-up with ts-node type-checking (for comparison)", () => child(["pack-start"], { ROUTING_INFRA_PACK_TYPECHECK: "1" }));

  const gatePeak = (rows: Row[]) => stat(rows.map((r) => ({ total: r.cliPeakMb + (r.packPeakMb ?? 0) })), "total");
  const prodRows = [
    ["gate wall time (process start to verdict)", fmt(stat(prod, "wallMs"), "s")],
    ["  program under mocks", fmt(stat(prod, "program"), "ms")],
    ["  pack start-up (overlaps the program)", fmt(stat(prod, "packStart"), "ms")],
    ["  AnalyzeStack (encode + round trip)", fmt(stat(prod, "analyzeStack"), "ms")],
    ["peak memory, CLI + pack", `${gatePeak(prod).median.toFixed(0)} MiB (${stat(prod, "cliPeakMb").median.toFixed(0)} + ${stat(prod, "packPeakMb").median.toFixed(0)})`],
  ];

  const scaleRows = scale.map(({ n, documents, gate, floor, floorNoTraces }) => {
    const g = stat(gate, "wallMs");
    const f = stat(floor, "wallMs");
    const f0 = stat(floorNoTraces, "wallMs");
    return [
      String(n),
      String(documents),
      fmt(stat(gate, "program"), "s"),
      fmt(stat(gate, "analyzeStackRpc"), "s"),
      fmt(stat(gate, "packRulesMs"), "ms"),
      fmt(g, "s"),
      `${gatePeak(gate).median.toFixed(0)} MiB`,
      fmt(f, "s"),
      `${stat(floor, "peakMb").median.toFixed(0)} MiB`,
      (g.median / f.median).toFixed(2),
      fmt(f0, "s"),
      (g.median / f0.median).toFixed(2),
    ];
  });

  const growth = scale.slice(1).map((s, i) => {
    const prev = scale[i];
    const factor = s.n / prev.n;
    const g = stat(s.gate, "wallMs").median / stat(prev.gate, "wallMs").median;
    const p = stat(s.gate, "program").median / stat(prev.gate, "program").median;
    const r = stat(s.gate, "packRulesMs").median / stat(prev.gate, "packRulesMs").median;
    return [`${prev.n} -> ${s.n} (x${factor})`, `x${g.toFixed(1)}`, `x${p.toFixed(1)}`, `x${r.toFixed(1)}`];
  });

  const startRows = [
    ["first resource registered (process start -> first RegisterResource, prod stack)", fmt(stat(prod, "firstRegistrationMs"), "ms")],
    ["pack serving its port, as shipped (swc transpile, no type-check)", fmt(stat(packStart, "portMs"), "ms")],
    ["pack serving its port with ts-node type-checking (run-policy-pack's default)", fmt(stat(packTypecheck, "portMs"), "ms")],
  ];

  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const machine = `${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
  const scaleHead = ["tenants", "routes", "program", "AnalyzeStack RPC (pack side)", "routing-infra rules (all 6 policies)", "gate wall", "gate peak (CLI + pack)", "floor wall", "floor peak", "gate / floor", "floor w/o stack traces", "gate / that floor"];
  const output = [
    `## Results (${started.toISOString().slice(0, 16).replace("T", " ")} UTC)`,
    "",
    `Machine: ${machine}. Median (min-max) over 5 runs (prod stack, N=10), 3 (N=100), 2 (N=1000); a fresh process per run.`,
    "",
    "### The offline gate on the shipped prod stack (`routing-infra preview --stack prod`)",
    "",
    table(["measure", "value"], prodRows),
    "",
    "### Scale: 17 kinds x N tenants, and the floor",
    "",
    table(scaleHead, scaleRows),
    "",
    "### Growth",
    "",
    table(["N", "gate wall", "program", "rules"], growth),
    "",
    "### Start-up",
    "",
    table(["measure", "value"], startRows),
  ].join("\n");

  process.stdout.write(`${output}\n`);
  const docFile = path.join(ROOT, "docs", "benchmarks.md");
  const doc = fs.readFileSync(docFile, "utf8");
  const marker = "<!-- results -->";
  const [before] = doc.split(marker);
  fs.writeFileSync(docFile, `${before}${marker}\n\n${output}\n`);
  process.stderr.write(`wrote ${path.relative(ROOT, docFile)}\n`);
}

main();
