// Snapshot of every document the prod and dev stacks write, as `render` prints them.
import { loadStack } from "../lib/load-stack";
import { readStackConfig } from "../lib/stack-files";
import { formatRouteTable, renderDocuments } from "../cli/render";
import { decodeFields } from "../lib/firestore-fields";

describe.each(["prod", "dev"])("rendered documents of the %s stack", (stack) => {
  const { config, table } = loadStack(readStackConfig(stack), stack);
  const documents = renderDocuments(table, config);

  test("match the reviewed snapshot", () => {
    expect(documents).toMatchSnapshot();
  });

  test("one document per route, IDs as the contract says, all unique", () => {
    expect(documents).toHaveLength(table.routes.length);
    expect(new Set(documents.map((d) => d.documentId)).size).toBe(documents.length);
    for (const doc of documents) {
      const record = decodeFields(doc.fields) as any;
      const expectedId = [record.env, record.tenant_id, record.resource_kind, ...(record.project_id === null ? [] : [record.project_id])].join(":");
      expect(doc.documentId).toBe(expectedId);
      expect(doc.collection).toBe("resource_routes");
      expect(Object.keys(record).sort()).toEqual(["backend_type", "config", "env", "project_id", "required", "resource_kind", "tenant_id"]);
    }
  });

  test("the table shows one row per kind and one column per scope", () => {
    const lines = formatRouteTable(table).split("\n");
    expect(lines[0]).toBe(`routes/${stack}.ts (env ${stack}): ${table.routes.length} routes, ${table.tenants.length} tenants`);
    expect(lines).toHaveLength(17 + 4);
  });
});

test("prod Redis routes name the port as an integer and reference AUTH by secret name", () => {
  const { config, table } = loadStack(readStackConfig("prod"), "prod");
  const bus = renderDocuments(table, config).find((d) => d.documentId === "prod:t_beta:chat_bus")!;
  expect(bus.fields.config).toEqual({
    mapValue: {
      fields: {
        auth_secret: { stringValue: "projects/northstar-prod/secrets/routing-prod-chat-bus-beta-auth" },
        host: { stringValue: "(host of routing-prod-chat-bus-beta, known after deployment)" },
        port: { integerValue: "6378" },
        tls: { booleanValue: true },
      },
    },
  });
});
