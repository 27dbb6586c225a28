// Loads and cross-checks a stack's config and route file. No Pulumi import: the
// credential-free commands (render, diff) use it and start in a fraction of a second.
import { parseStackConfig, StackConfig } from "./stack-config";
import { InputError } from "./problems";
import { loadRouteFile } from "../routes/load";
import type { ResolveOptions, RouteTable } from "../routes/resolve";

/** Throws an InputError listing every problem of the config, or of the route file. */
export function loadStack(
  rawConfig: Readonly<Record<string, unknown>>,
  stack: string,
  routesFileOverride?: string,
  options: ResolveOptions = {},
): { config: StackConfig; table: RouteTable } {
  const stackFile = `Pulumi.${stack}.yaml`;
  const config = parseStackConfig(rawConfig, stack, stackFile);
  const table = loadRouteFile(routesFileOverride ?? config.routesFile, options);
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
