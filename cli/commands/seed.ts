import * as path from "path";
import { parseArgs } from "util";
import { loadStack } from "../../lib/load-stack";
import { readStackConfig } from "../../lib/stack-files";
import { renderDocuments } from "../render";
import { replaceDocument } from "../../lib/firestore-rest";
import { CommandIO, UsageError } from "../io";

export const SEED_USAGE = "routing-infra seed --stack <name> --emulator <host:port> [--collection <name>] [--routes <file>]";

/**
 * Writes a stack's route documents into a Firestore emulator, as the provider writes
 * them, so services can be developed and tested locally against the real registry
 * shape. Emulator only: real registries are written by `pulumi up`.
 */
export async function seedCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { stack: { type: "string" }, emulator: { type: "string" }, collection: { type: "string" }, routes: { type: "string" } },
    strict: true,
    allowPositionals: false,
  });
  if (!values.stack) throw new UsageError("--stack is required");
  if (!values.emulator || !/^[A-Za-z0-9.-]+:\d+$/.test(values.emulator)) throw new UsageError("--emulator <host:port> is required: seed writes only to a Firestore emulator");
  const { config, table } = loadStack(readStackConfig(values.stack), values.stack, values.routes && path.resolve(values.routes));
  const collection = values.collection ?? config.registryCollection;
  const target = { baseUrl: `http://${values.emulator}`, project: config.registryProject, database: config.registryDatabase, token: "owner" };
  const docs = renderDocuments(table, config);
  try {
    for (const doc of docs) await replaceDocument(target, collection, doc.documentId, doc.fields);
  } catch (error) {
    io.err(`routing-infra seed: could not write to the emulator at ${values.emulator}: ${(error as Error).message.split("\n")[0]}`);
    return 2;
  }
  io.out(`wrote ${docs.length} route documents of stack ${values.stack} to emulator ${values.emulator}: projects/${target.project}/databases/${target.database}/documents/${collection}`);
  return 0;
}
