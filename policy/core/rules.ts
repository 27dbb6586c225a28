// The pack's rules, in the order they are reported. Adding a rule: write it in
// policy/rules/<name>.ts and list it here; the pack and the gate pick it up.
import type { Rule } from "./rule";
import { prodDurableBackends } from "../rules/prod-durable-backends";
import { requiredKindsRouted } from "../rules/required-kinds-routed";
import { routeConfigComplete } from "../rules/route-config-complete";
import { noPlaintextCredentials } from "../rules/no-plaintext-credentials";
import { prodBackendsProtected } from "../rules/prod-backends-protected";
import { routeConsistency } from "../rules/route-consistency";

export const RULES: readonly Rule[] = [
  prodDurableBackends,
  requiredKindsRouted,
  routeConfigComplete,
  noPlaintextCredentials,
  prodBackendsProtected,
  routeConsistency,
];
