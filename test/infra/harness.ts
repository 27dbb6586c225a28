// Runs the real program for a stack under mocks and indexes what it registered.
import { runUnderMocks, RecordedResource } from "../../lib/mock-engine";
import { loadStack } from "../../lib/load-stack";
import { createRoutingStack } from "../../infra/routing-stack";
import { readStackConfig } from "../../lib/stack-files";
import { resolveRouteFile } from "../../routes/resolve";
import { parseStackConfig } from "../../lib/stack-config";

export interface ProgramRun {
  readonly resources: RecordedResource[];
  byType(type: string): RecordedResource[];
  byName(name: string): RecordedResource;
}

function index(resources: RecordedResource[]): ProgramRun {
  return {
    resources,
    byType: (type) => resources.filter((r) => r.type === type),
    byName: (name) => {
      const found = resources.filter((r) => r.name === name);
      if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
      return found[0];
    },
  };
}

/** The shipped stack: Pulumi.<stack>.yaml and its route file. */
export async function runShippedStack(stack: string, firstPreview = false): Promise<ProgramRun> {
  const config = readStackConfig(stack);
  const { resources } = await runUnderMocks({ project: "routing-infra", stack, config, firstPreview }, () => {
    const loaded = loadStack(config, stack);
    createRoutingStack(loaded.config, loaded.table);
    return {};
  });
  return index(resources);
}

/** A route table given as an object, with the stack config given as raw keys. */
export async function runRouteObject(routeFile: unknown, rawConfig: Record<string, string>, stack = "prod"): Promise<ProgramRun> {
  const { resources } = await runUnderMocks({ project: "routing-infra", stack, config: rawConfig }, () => {
    const config = parseStackConfig(rawConfig, stack, `Pulumi.${stack}.yaml`);
    createRoutingStack(config, resolveRouteFile(routeFile, `routes/${stack}.ts`));
    return {};
  });
  return index(resources);
}
