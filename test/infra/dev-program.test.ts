import { runShippedStack, runRouteObject } from "./harness";
import { compliantProdFile, PROD_CONFIG_RAW } from "../fixtures";

describe("dev program", () => {
  test("protects nothing, uses BASIC Redis without persistence, and writes ephemeral routes with no backend dependency", async () => {
    const run = await runShippedStack("dev");
    expect(run.resources.filter((r) => r.protect)).toEqual([]);
    expect(run.byName("chatBus-instance").inputs).toMatchObject({ tier: "BASIC", persistenceConfig: { persistenceMode: "DISABLED" }, authEnabled: true });
    expect(run.byName("registry-database").inputs).toMatchObject({ pointInTimeRecoveryEnablement: "POINT_IN_TIME_RECOVERY_DISABLED", deletionPolicy: "DELETE" });
    const scratch = run.byName("dev:t_beta:chat_bus");
    expect(JSON.parse(scratch.inputs.fields as string).backend_type).toEqual({ stringValue: "memory" });
    expect(scratch.dependencies).toEqual([]);
  });
});

describe("resource names", () => {
  test("derive from route identity: reordering a route file renames nothing", async () => {
    const file = compliantProdFile();
    const reordered = compliantProdFile();
    reordered.tenants.reverse();
    reordered.backends = Object.fromEntries(Object.entries(reordered.backends).reverse());
    reordered.routes = Object.fromEntries(Object.entries(reordered.routes).reverse());
    const urns = async (f: unknown) => (await runRouteObject(f, PROD_CONFIG_RAW)).resources.map((r) => r.urn).sort();
    const before = await urns(file);
    expect(before.length).toBeGreaterThan(40);
    expect(await urns(reordered)).toEqual(before);
  });
});
