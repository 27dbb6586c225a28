// A policy pack that fails to load must fail the gate loudly, never pass it.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyPackHarness } from "../../lib/policy-harness";
import { PROD_CONFIG_RAW } from "../fixtures";

test("a pack that throws while loading: start fails with the pack's own error", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broken-pack-"));
  fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "broken", version: "0.0.1", main: "index.js" }));
  fs.writeFileSync(path.join(dir, "index.js"), 'throw new Error("policy pack could not read its catalog");\n');
  await expect(PolicyPackHarness.start({ stack: "prod", project: "routing-infra", config: PROD_CONFIG_RAW, dryRun: true, packDir: dir })).rejects.toThrow(
    /the policy pack exited with code \d+ before printing its port:[\s\S]*policy pack could not read its catalog/,
  );
});
