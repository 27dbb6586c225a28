// Loads and cross-checks a stack's config and route file. No Pulumi import: the
// credential-free commands (render, diff) use it and start in a fraction of a second.
import * as path from "path";
import { parseStackConfig, StackConfig } from "./stack-config";
import { InputError } from "./problems";
import { loadRouteFile } from "../routes/load";
import type { ResolveOptions, RouteTable } from "../routes/resolve";

/** Throws an InputError listing every problem of the config, or of the route file. */
export function loadStack(
  rawConfig: Readonly<Record<string, unknown>>,
  stack: string,
  routesFileOverride?: string,
  options: ResolveOptions & {
    /** Where the repository's files are (a git revision's tree). @default the repository root */
    readonly root?: string;
    /** Appended to file names in messages, e.g. "@origin/main". */
    readonly revisionLabel?: string;
  } = {},
): { config: StackConfig; table: RouteTable } {
  const label = options.revisionLabel ?? "";
  const stackFile = `Pulumi.${stack}.yaml${label}`;
  const config = parseStackConfig(rawConfig, stack, stackFile);
  const file = routesFileOverride ?? config.routesFile;
  const table = options.root
    ? loadRouteFile(path.resolve(options.root, file), options, `${file}${label}`)
    : loadRouteFile(file, options, label ? `${file}${label}` : undefined);
  if (table.env !== config.env) {
    throw new InputError(`${table.file} does not match stack ${stack}:`, [
      {
        file: table.file,
        field: "env",
        message: `the file declares env "${table.env}" but ${stackFile} sets routing-infra:env to "${config.env}"; route the stack to the file written for its env`,
      },
    ]);
  }
  return { config, table };
}
