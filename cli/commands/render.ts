import * as path from "path";
import { parseArgs } from "util";
import { loadStack } from "../../lib/load-stack";
import { readStackConfig } from "../../lib/stack-files";
import { formatRouteTable, renderDocuments } from "../render";
import { CommandIO, UsageError } from "../io";

export const RENDER_USAGE = "routing-infra render --stack <name> [--routes <file>] [--format json|table]";

/** Prints a stack's route documents as the program would write them. No cloud access. */
export async function renderCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { stack: { type: "string" }, routes: { type: "string" }, format: { type: "string", default: "json" } },
    strict: true,
    allowPositionals: false,
  });
  if (!values.stack) throw new UsageError("--stack is required");
  if (values.format !== "json" && values.format !== "table") throw new UsageError(`--format must be json or table, not "${values.format}"`);
  const { config, table } = loadStack(readStackConfig(values.stack), values.stack, values.routes && path.resolve(values.routes));
  if (values.format === "table") {
    io.out(formatRouteTable(table));
  } else {
    io.out(JSON.stringify(renderDocuments(table, config), null, 2));
  }
  return 0;
}
