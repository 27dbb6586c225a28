import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const REPO = path.resolve(__dirname, "../..");

/** Runs the CLI as users do (`npx routing-infra ...` runs this file). */
export function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, [path.join(REPO, "bin/routing-infra.js"), ...args], {
    cwd: options.cwd ?? REPO,
    encoding: "utf8",
    env: { ...process.env, ...options.env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes a route file (a plain CommonJS module exporting the object) to a temp dir. */
export function writeRouteFile(content: unknown, name = "routes.js"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "routing-infra-test-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === "string" ? content : `module.exports = ${JSON.stringify(content, null, 2)};\n`);
  return file;
}
