import { parseArgs } from "util";
import { checkoutRevision, GitError, loadStackAt, repositoryRoot, Revision, stacksAt, StackAtRevision, workingTree } from "../../lib/revisions";
import { CHANGE_ORDER, diffStack, RouteChange, RouteEnd, StackDiff } from "../../lib/route-diff";
import { CommandIO, UsageError } from "../io";

export const DIFF_USAGE = "routing-infra diff --base <git-ref> [--head <git-ref>] [--stack <name>] [--format markdown|json|table]";

export interface StackReport {
  readonly stack: string;
  readonly file: string;
  readonly errors: readonly string[];
  readonly diff?: StackDiff;
}

export interface DiffReport {
  readonly base: string;
  readonly head: string;
  readonly stacks: readonly StackReport[];
}

/** Computes the route-level diff of every stack (or one) between two revisions. */
export function diffRevisions(base: Revision, head: Revision, stack?: string): DiffReport {
  const stacks = stack ? [stack] : [...new Set([...stacksAt(base), ...stacksAt(head)])].sort();
  const reports = stacks.map((name): StackReport => {
    // "structure": a revision that breaks the contract still diffs; the gate judges it.
    const b = loadStackAt(base, name, { checks: "structure" });
    const h = loadStackAt(head, name, { checks: "structure" });
    const errors = [b, h].filter((s): s is StackAtRevision & { error: string } => s.error !== undefined).map((s) => s.error);
    if (b.absent && h.absent) errors.push(`stack ${name} exists at neither revision (no Pulumi.${name}.yaml)`);
    const file = h.snapshot?.config.routesFile ?? b.snapshot?.config.routesFile ?? `routes/${name}.ts`;
    if (errors.length > 0) return { stack: name, file, errors };
    return { stack: name, file, errors, diff: diffStack(b.snapshot, h.snapshot) };
  });
  return { base: base.label, head: head.label, stacks: reports };
}

export async function diffCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { base: { type: "string" }, head: { type: "string" }, stack: { type: "string" }, format: { type: "string", default: "table" } },
    strict: true,
    allowPositionals: false,
  });
  if (!values.base) throw new UsageError("--base <git-ref> is required");
  if (!["markdown", "json", "table"].includes(values.format!)) throw new UsageError(`--format must be markdown, json or table, not "${values.format}"`);
  let report: DiffReport;
  try {
    const repo = repositoryRoot();
    const base = checkoutRevision(values.base, repo);
    const head = values.head ? checkoutRevision(values.head, repo) : workingTree(repo);
    report = diffRevisions(base, head, values.stack);
  } catch (error) {
    if (error instanceof GitError) {
      io.err(`routing-infra diff: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const format = values.format as "markdown" | "json" | "table";
  io.out(format === "json" ? JSON.stringify(diffJson(report), null, 2) : format === "markdown" ? diffMarkdown(report) : diffTable(report));
  if (report.stacks.some((s) => s.errors.length > 0)) return 2;
  return report.stacks.some((s) => (s.diff?.refusals.length ?? 0) > 0) ? 1 : 0;
}

function end(e: RouteEnd | undefined): string {
  if (!e) return "-";
  return `${e.backendName} (${e.backendType}${e.target ? `: ${e.target.replace(/^[a-z0-9]+:/, "")}` : ""})`;
}

function note(change: RouteChange): string {
  const parts: string[] = [];
  if (change.class === "downgrade") parts.push("durable -> ephemeral");
  if (change.class === "stateful-switch") parts.push("moves data (stateful kind)");
  if (change.acknowledged) parts.push(`acknowledged: ${change.acknowledged}`);
  if (change.refused) parts.push(`REFUSED: ${change.refused}`);
  return parts.join("; ");
}

function counts(diff: StackDiff): string {
  const c = CHANGE_ORDER.map((cls) => [cls, diff.changes.filter((x) => x.class === cls).length] as const).filter(([, n]) => n > 0);
  return c.length === 0 ? "no route changes" : c.map(([cls, n]) => `${n} ${cls}`).join(", ");
}

export function diffJson(report: DiffReport) {
  return {
    base: report.base,
    head: report.head,
    refused: report.stacks.some((s) => (s.diff?.refusals.length ?? 0) > 0),
    stacks: report.stacks.map((s) => ({
      stack: s.stack,
      file: s.file,
      errors: s.errors,
      changes: s.diff?.changes ?? [],
      refusals: (s.diff?.refusals ?? []).map((r) => ({ documentId: r.documentId, reason: r.refused })),
      unusedAcknowledgements: s.diff?.unusedAcknowledgements ?? [],
    })),
  };
}

export function diffTable(report: DiffReport): string {
  const lines = [`Route changes from ${report.base} to ${report.head}:`];
  for (const s of report.stacks) {
    lines.push("", `stack ${s.stack} (${s.file}): ${s.diff ? counts(s.diff) : "could not be compared"}`);
    for (const e of s.errors) lines.push(`  ERROR ${e.replace(/\n/g, "\n  ")}`);
    for (const c of s.diff?.changes ?? []) {
      lines.push(`  ${c.class.padEnd(15)} ${c.scope.padEnd(34)} ${end(c.before)} -> ${end(c.after)}${note(c) ? `  [${note(c)}]` : ""}`);
    }
    for (const a of s.diff?.unusedAcknowledgements ?? []) lines.push(`  note: acknowledgedSwitches entry for ${a.kind} ${a.from} -> ${a.to} matches no switch in this change; remove it once merged`);
  }
  return lines.join("\n");
}

const ROW_LIMIT = 40;

export function diffMarkdown(report: DiffReport): string {
  const lines = [`### Routing changes: \`${report.base}\` → ${report.head === "working tree" ? "this branch" : `\`${report.head}\``}`];
  for (const s of report.stacks) {
    lines.push("", `#### ${s.stack} (\`${s.file}\`): ${s.diff ? counts(s.diff) : "could not be compared"}`);
    for (const e of s.errors) lines.push("", "```", e, "```");
    if (!s.diff) continue;
    const refusals = s.diff.refusals.length;
    const moves = s.diff.changes.filter((c) => c.class === "stateful-switch" || c.class === "downgrade").length;
    if (moves > 0) lines.push("", `> ⚠️ ${moves} change(s) move or drop data${refusals > 0 ? `; **${refusals} refused** (see notes)` : ", all acknowledged"}.`);
    if (s.diff.changes.length === 0) continue;
    const rows = s.diff.changes.map((c) => `| ${c.class === "stateful-switch" || c.class === "downgrade" ? "⚠️ " : ""}${c.scope} | ${c.class} | ${end(c.before)} | ${end(c.after)} | ${note(c).replace(/\|/g, "\\|")} |`);
    const table = ["| scope | change | before | after | note |", "|---|---|---|---|---|", ...rows];
    if (rows.length > ROW_LIMIT) lines.push("", `<details><summary>${rows.length} route changes</summary>`, "", ...table, "", "</details>");
    else lines.push("", ...table);
  }
  return lines.join("\n");
}
