import { parseStackConfig } from "../../lib/stack-config";
import { PROD_CONFIG_RAW } from "../fixtures";

describe("parseStackConfig", () => {
  test("parses a stack's keys and applies the documented defaults", () => {
    const config = parseStackConfig({ ...PROD_CONFIG_RAW, "gcp:project": "ignored" }, "prod-eu", "Pulumi.prod-eu.yaml");
    expect(config).toEqual({
      env: "prod",
      gcpProject: "acme-prod",
      gcpRegion: "europe-west1",
      firestoreLocation: "eur3",
      awsRegion: "eu-west-1",
      registryDatabase: "(default)",
      registryCollection: "resource_routes",
      registryProject: "acme-prod",
      routesFile: "routes/prod-eu.ts",
      stack: "prod-eu",
    });
  });

  test("fails naming the stack file, every missing key, and how to set it", () => {
    const { "routing-infra:env": _env, "routing-infra:awsRegion": _aws, ...rest } = PROD_CONFIG_RAW;
    expect(() => parseStackConfig(rest, "prod", "Pulumi.prod.yaml")).toThrow(
      "Pulumi.prod.yaml: stack configuration does not validate:\n" +
        "  - Pulumi.prod.yaml: field routing-infra:env: missing; set it with `pulumi config set routing-infra:env <value> --stack prod`\n" +
        "  - Pulumi.prod.yaml: field routing-infra:awsRegion: missing; set it with `pulumi config set routing-infra:awsRegion <value> --stack prod`",
    );
  });

  test("fails on wrong values and unknown keys, all together", () => {
    expect(() =>
      parseStackConfig(
        { ...PROD_CONFIG_RAW, "routing-infra:env": "production", "routing-infra:gcpRegion": "Europe West", "routing-infra:regsitryCollection": "x" },
        "prod",
        "Pulumi.prod.yaml",
      ),
    ).toThrow(
      "Pulumi.prod.yaml: stack configuration does not validate:\n" +
        '  - Pulumi.prod.yaml: field routing-infra:regsitryCollection: unknown config key (did you mean "registryCollection"?); known keys: routing-infra:env, routing-infra:gcpProject, routing-infra:gcpRegion, routing-infra:firestoreLocation, routing-infra:awsRegion, routing-infra:routesFile, routing-infra:registryProject, routing-infra:registryDatabase, routing-infra:registryCollection\n' +
        '  - Pulumi.prod.yaml: field routing-infra:env: "production" is not an env; use dev, staging or prod\n' +
        '  - Pulumi.prod.yaml: field routing-infra:gcpRegion: "Europe West" is not a GCP region (e.g. "europe-west1")',
    );
  });
});
