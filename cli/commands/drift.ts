import * as path from "path";
import { parseArgs } from "util";
import { loadStack } from "../../lib/load-stack";
import { readStackConfig } from "../../lib/stack-files";
import { renderDocuments } from "../render";
import { decodeFields } from "../../lib/firestore-fields";
import type { ResourceRouteRecord } from "../../lib/route-document";
import { compareRegistry, DRIFT_ORDER, DriftItem } from "../../lib/drift";
import { readRegistry, RegistryReadError } from "../../lib/registry-reader";
import { CommandIO, UsageError } from "../io";

export const DRIFT_USAGE =
  "routing-infra drift --stack <name> (--emulator <host:port> | --project <gcp-project>) [--database <id>] [--collection <name>] [--routes <file>] [--json]";

const HEADINGS: Record<DriftItem["class"], string> = {
  downgrade: "DOWNGRADES (durable <-> ephemeral)",
  "stateful-switch": "STATEFUL SWITCHES (data would move)",
  missing: "MISSING (in the route files, not in the registry)",
  unexpected: "UNEXPECTED (in the registry, not in the route files)",
  changed: "CHANGED",
};

/** Compares the live registry with the route files. Exit 0 in sync, 1 drift, 2 could not read. */
export async function driftCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string" },
      emulator: { type: "string" },
      project: { type: "string" },
      database: { type: "string" },
      collection: { type: "string" },
      routes: { type: "string" },
      json: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.stack) throw new UsageError("--stack is required");
  if ((values.emulator === undefined) === (values.project === undefined)) throw new UsageError("give exactly one of --emulator <host:port> or --project <gcp-project>");
  if (values.emulator !== undefined && !/^[A-Za-z0-9.-]+:\d+$/.test(values.emulator)) throw new UsageError(`--emulator takes host:port, not "${values.emulator}"`);

  const { config, table } = loadStack(readStackConfig(values.stack), values.stack, values.routes && path.resolve(values.routes), { checks: "structure" });
  const source = {
    project: values.project ?? config.registryProject,
    database: values.database ?? config.registryDatabase,
    collection: values.collection ?? config.registryCollection,
    emulatorHost: values.emulator,
  };
  const where = `${values.emulator ? `emulator ${values.emulator}: ` : ""}projects/${source.project}/databases/${source.database}/documents/${source.collection}`;

  const started = Date.now();
  let live;
  try {
    live = await readRegistry(source, {
      onProgress: (n) => {
        if (Date.now() - started > 1000) io.err(`reading ${source.collection}: ${n} documents...`);
      },
    });
  } catch (error) {
    if (error instanceof RegistryReadError) {
      io.err(`routing-infra drift: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (live.length === 0) {
    io.err(
      `routing-infra drift: ${where} has no documents: the collection does not exist there. Check --project/--emulator and the stack's routing-infra:registryCollection; if stack ${values.stack} was never deployed, run pulumi up first.`,
    );
    return 2;
  }

  const expected = renderDocuments(table, config).map((doc) => ({ documentId: doc.documentId, record: decodeFields(doc.fields) as unknown as ResourceRouteRecord }));
  const items = compareRegistry(expected, live, { env: config.env });
  if (values.json) {
    const counts = Object.fromEntries(DRIFT_ORDER.map((c) => [c, items.filter((i) => i.class === c).length]));
    io.out(JSON.stringify({ stack: values.stack, routesFile: table.file, registry: where, documentsRead: live.length, inSync: items.length === 0, counts, items }, null, 2));
  } else {
    io.out(formatDrift(values.stack, table.file, where, live.length, items));
  }
  return items.length === 0 ? 0 : 1;
}

export function formatDrift(stack: string, routesFile: string, where: string, read: number, items: readonly DriftItem[]): string {
  const head = `Stack ${stack} (${routesFile}) vs ${where}: ${read} documents read, `;
  if (items.length === 0) return `${head}in sync.`;
  const lines = [`${head}${items.length} difference${items.length === 1 ? "" : "s"}.`];
  for (const cls of DRIFT_ORDER) {
    const group = items.filter((i) => i.class === cls);
    if (group.length === 0) continue;
    lines.push("", HEADINGS[cls]);
    for (const item of group) lines.push(`  ${item.scope}  [${item.documentId}]: ${item.summary}`);
  }
  return lines.join("\n");
}
