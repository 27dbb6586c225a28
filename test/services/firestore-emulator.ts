// Starts the Firestore emulator on a free loopback port for a test file, and stops its
// whole process group (the gcloud launcher leaves a java child behind if only the
// parent is killed).
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

export interface FirestoreEmulator {
  readonly host: string; // "127.0.0.1:PORT"
  readonly projectId: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(host: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the Firestore emulator exited with code ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`http://${host}/`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the Firestore emulator did not answer on ${host} within ${timeoutMs} ms:\n${log()}`);
}

export async function startFirestoreEmulator(projectId = "routing-infra-test"): Promise<FirestoreEmulator> {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const config = fs.mkdtempSync(path.join(os.tmpdir(), "gcloud-config-"));
  const child = spawn("gcloud", ["emulators", "firestore", "start", `--host-port=${host}`], {
    detached: true, // its own process group, so stop() reaches the java child too
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CLOUDSDK_CONFIG: config, CLOUDSDK_CORE_DISABLE_PROMPTS: "1" },
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const stop = async () => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return; // already gone
    }
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }, 3000);
    await gone;
    clearTimeout(timer);
    try {
      process.kill(-child.pid, "SIGKILL"); // the java child, if it outlived the launcher
    } catch {
      /* gone */
    }
    fs.rmSync(config, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(host, child, () => output, 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host, projectId, stop };
}
