// The program as the Pulumi CLI loads it: Pulumi.yaml's `main`, bin/pulumi-entry.js.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { runUnderMocks } from "../../lib/mock-engine";
import { readStackConfig } from "../../lib/stack-files";

const REPO = path.resolve(__dirname, "../..");

test("Pulumi.yaml runs bin/pulumi-entry.js with nodejs and no ts-node type-check", () => {
  const project = yaml.load(fs.readFileSync(path.join(REPO, "Pulumi.yaml"), "utf8")) as any;
  expect(project).toMatchObject({ name: "routing-infra", runtime: { name: "nodejs", options: { typescript: false } }, main: "bin/pulumi-entry.js" });
});

test("the entry point runs the stack's program and exports its summary", async () => {
  const { resources, stackOutputs } = await runUnderMocks({ project: "routing-infra", stack: "prod", config: readStackConfig("prod") }, () =>
    require(path.join(REPO, "bin/pulumi-entry.js")),
  );
  expect(resources.filter((r) => r.type === "gcp:firestore/document:Document")).toHaveLength(68);
  expect(stackOutputs).toMatchObject({ env: "prod", routesFile: "routes/prod.ts", registry: "northstar-prod/(default)/resource_routes", documentCount: 68 });
});
