// Reading Pulumi.<stack>.yaml without the Pulumi CLI, for the credential-free commands.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { InputError } from "./problems";
import { existingRouteFiles, REPO_ROOT } from "../routes/load";

export function existingStacks(root = REPO_ROOT): string[] {
  return fs
    .readdirSync(root)
    .map((name) => /^Pulumi\.(.+)\.yaml$/.exec(name)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

/** The stack's config as Pulumi passes it to a program: full keys to strings. */
export function readStackConfig(stack: string, root = REPO_ROOT): Record<string, string> {
  const file = `Pulumi.${stack}.yaml`;
  const absolute = path.join(root, file);
  if (!/^[A-Za-z0-9_.-]+$/.test(stack) || !fs.existsSync(absolute)) {
    throw new InputError(`unknown stack "${stack}":`, [
      {
        file,
        field: "(file)",
        message: `does not exist; stacks: ${existingStacks(root).join(", ") || "(none)"}; route files: ${existingRouteFiles().join(", ")}`,
      },
    ]);
  }
  let parsed: unknown;
  try {
    parsed = yaml.load(fs.readFileSync(absolute, "utf8"));
  } catch (error) {
    throw new InputError(`${file} is not valid YAML:`, [{ file, field: "(file)", message: (error as Error).message.split("\n")[0] }]);
  }
  const config = (parsed as { config?: unknown } | null)?.config;
  if (config === undefined || config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new InputError(`${file} has no config:`, [{ file, field: "config", message: "expected a map of config keys (routing-infra:env, ...)" }]);
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (value !== null && typeof value === "object" && "secure" in (value as object)) {
      continue; // an encrypted value: never read, never printed
    }
    out[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}
