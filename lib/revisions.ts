// Route files as they were at a git revision. A revision's tracked files are extracted
// (git archive) into .routing-infra-cache/<sha>/ inside the repository, so its route
// files resolve their imports from that revision and packages from node_modules.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { existingStacks, readStackConfig } from "./stack-files";
import { loadStack } from "./load-stack";
import { InputError } from "./problems";
import type { ResolveOptions, RouteTable } from "../routes/resolve";
import type { StackConfig } from "./stack-config";

const CACHE_DIR_NAME = ".routing-infra-cache";

export interface Revision {
  /** As the user named it ("origin/main"), or "working tree". */
  readonly label: string;
  readonly sha?: string;
  /** Where its files are. */
  readonly root: string;
}

export class GitError extends Error {}

function git(args: string[], options: { cwd: string }): Buffer {
  try {
    return execFileSync("git", args, { cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? "").trim().split("\n")[0];
    throw new GitError(stderr || (error as Error).message);
  }
}

/** The git repository the command runs in: the current directory's, else this package's. */
export function repositoryRoot(cwd = process.cwd()): string {
  try {
    return git(["rev-parse", "--show-toplevel"], { cwd }).toString().trim();
  } catch {
    throw new GitError(`${cwd} is not inside a git repository; run diff from a clone of the repository that holds the route files`);
  }
}

export function workingTree(repo: string): Revision {
  return { label: "working tree", root: repo };
}

/** Extracts the tracked files of `ref` (once per commit; the cache is reused). */
export function checkoutRevision(ref: string, repo: string): Revision {
  let sha: string;
  try {
    sha = git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: repo }).toString().trim();
  } catch {
    throw new GitError(`unknown git revision "${ref}": give a branch, tag or commit this repository has (git fetch it first)`);
  }
  const root = path.join(repo, CACHE_DIR_NAME, sha);
  if (!fs.existsSync(path.join(root, ".complete"))) {
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root, { recursive: true });
    const archive = git(["archive", "--format=tar", sha], { cwd: repo });
    execFileSync("tar", ["-x", "-C", root], { input: archive });
    fs.writeFileSync(path.join(root, ".complete"), sha);
  }
  return { label: ref, sha, root };
}

export function stacksAt(revision: Revision): string[] {
  return existingStacks(revision.root);
}

export interface StackAtRevision {
  readonly stack: string;
  readonly revision: Revision;
  readonly snapshot?: { readonly config: StackConfig; readonly table: RouteTable };
  /** The loader's message when the stack does not load at this revision. */
  readonly error?: string;
  /** True when the stack does not exist at this revision. */
  readonly absent?: boolean;
}

export function loadStackAt(revision: Revision, stack: string, options: ResolveOptions = {}, routesFileOverride?: string): StackAtRevision {
  if (!fs.existsSync(path.join(revision.root, `Pulumi.${stack}.yaml`))) return { stack, revision, absent: true };
  const label = revision.sha === undefined ? "" : `@${revision.label}`;
  try {
    const snapshot = loadStack(readStackConfig(stack, revision.root), stack, routesFileOverride, { ...options, root: revision.root, revisionLabel: label });
    return { stack, revision, snapshot };
  } catch (error) {
    if (error instanceof InputError) return { stack, revision, error: error.message };
    throw error;
  }
}
