// The Pulumi program: stack config -> route file -> backends and route documents.
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, StackConfig } from "../lib/stack-config";
import { InputError } from "../lib/problems";
import { loadRouteFile } from "../routes/load";
import type { RouteTable } from "../routes/resolve";
import { createRoutingStack } from "./routing-stack";

/** Loads and cross-checks the stack's config and route file; throws InputError listing every problem. */
export function loadStack(rawConfig: Readonly<Record<string, unknown>>, stack: string, routesFileOverride?: string): { config: StackConfig; table: RouteTable } {
  const stackFile = `Pulumi.${stack}.yaml`;
  const config = parseStackConfig(rawConfig, stack, stackFile);
  const table = loadRouteFile(routesFileOverride ?? config.routesFile);
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

export function runProgram() {
  try {
    const { config, table } = loadStack(pulumi.runtime.allConfig(), pulumi.getStack());
    const { routingTable } = createRoutingStack(config, table);
    return {
      env: config.env,
      routesFile: table.file,
      registry: `${config.registryProject}/${config.registryDatabase}/${config.registryCollection}`,
      documentCount: table.routes.length,
      documentIds: Object.keys(routingTable.documents),
    };
  } catch (error) {
    // A clear list of problems, not a stack trace.
    if (error instanceof InputError) throw new pulumi.RunError(error.message);
    throw error;
  }
}
