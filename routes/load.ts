// Loading a route file from disk: the only impure part of the route layer.
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../lib/problems";
import { resolveRouteFile, ResolveOptions, RouteTable } from "./resolve";

/** The repository root: where Pulumi.yaml and routes/ live. */
export const REPO_ROOT = path.resolve(__dirname, "..");

/** A path as users see it: relative to the repository root when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(REPO_ROOT, path.resolve(file));
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

/** Route files that exist, for messages ("route files: routes/dev.ts, routes/prod.ts"). */
export function existingRouteFiles(): string[] {
  const dir = path.join(REPO_ROOT, "routes");
  const helpers = new Set(["catalog.ts", "define.ts", "load.ts", "resolve.ts", "schema.ts"]);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".ts") && !helpers.has(name))
    .sort()
    .map((name) => `routes/${name}`);
}

/** Imports a route file (TypeScript or JavaScript) and returns its default export. */
export function importRouteFile(file: string, shownAs?: string): unknown {
  const absolute = path.resolve(REPO_ROOT, file);
  const shown = shownAs ?? displayPath(absolute);
  if (!fs.existsSync(absolute)) {
    throw new InputError(`route file ${shown} not found.`, [
      { file: shown, field: "(file)", message: `does not exist; route files that exist: ${existingRouteFiles().join(", ")}` },
    ]);
  }
  require("../lib/ts-hook").install();
  let loaded: unknown;
  try {
    loaded = require(absolute);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new InputError(`route file ${shown} could not be loaded.`, [
      { file: shown, field: "(import)", message: `the file throws while loading: ${reason}; fix the file so that importing it has no side effects that can fail` },
    ]);
  }
  const mod = loaded as { default?: unknown; __esModule?: boolean };
  return mod && typeof mod === "object" && "default" in mod ? mod.default : loaded;
}

/** `shownAs` names the file in messages (e.g. "routes/prod.ts@origin/main" for a file read from a git revision). */
export function loadRouteFile(file: string, options: ResolveOptions = {}, shownAs?: string): RouteTable {
  const raw = importRouteFile(file, shownAs);
  return resolveRouteFile(raw, shownAs ?? displayPath(path.resolve(REPO_ROOT, file)), options);
}
