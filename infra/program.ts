// The Pulumi program: stack config -> route file -> backends and route documents.
import * as pulumi from "@pulumi/pulumi";
import { InputError } from "../lib/problems";
import { loadStack } from "../lib/load-stack";
import { createRoutingStack } from "./routing-stack";

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
