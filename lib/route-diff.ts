// The route-level change between two revisions of a stack, computed from the concrete
// routes (after defaults and overrides), not from text. Pure.
//
// A change is classified, most dangerous first:
//   downgrade        durable -> ephemeral in a protected env (the gate fails it too)
//   stateful-switch  a stateful kind whose data location changes (type or physical target)
//   switched         any other change of backend (a rename, a stateless kind)
//   added / removed  a scope that appears or disappears
// In a protected env a stateful switch must be acknowledged in the head route file
// (`acknowledgedSwitches`), and the backend it leaves must still exist after the change:
// data is migrated before the old backend is removed, never in the same change.
import { isDurableBackendType, KIND_CATALOG } from "../routes/catalog";
import type { AcknowledgedSwitch } from "../routes/schema";
import type { ResolvedRoute, RouteTable } from "../routes/resolve";
import type { StackConfig } from "./stack-config";
import { planBackends, targetOf } from "../infra/plan";
import { describeScope } from "./identifiers";

export type ChangeClass = "downgrade" | "stateful-switch" | "switched" | "added" | "removed";
export const CHANGE_ORDER: readonly ChangeClass[] = ["downgrade", "stateful-switch", "switched", "added", "removed"];

export interface RouteEnd {
  readonly backendName: string;
  readonly backendType: string;
  /** "s3:bucket", "firestore:project/database", "redis:project/region/instance"; null for ephemeral backends. */
  readonly target: string | null;
}

export interface RouteChange {
  readonly class: ChangeClass;
  readonly documentId: string;
  readonly scope: string;
  readonly kind: string;
  readonly before?: RouteEnd;
  readonly after?: RouteEnd;
  /** The acknowledgement's reason, when the head file declares this switch. */
  readonly acknowledged?: string;
  /** Why the change is refused, when it is. */
  readonly refused?: string;
}

export interface StackSnapshot {
  readonly config: StackConfig;
  readonly table: RouteTable;
}

export interface StackDiff {
  readonly changes: readonly RouteChange[];
  readonly refusals: readonly RouteChange[];
  /** Acknowledgements in the head file that match no switch of this change. */
  readonly unusedAcknowledgements: readonly AcknowledgedSwitch[];
}

function ends(snapshot: StackSnapshot, protectedEnvs: readonly string[]): Map<string, { route: ResolvedRoute; end: RouteEnd }> {
  const targets = new Map(
    planBackends(snapshot.table, snapshot.config, { protectedEnv: protectedEnvs.includes(snapshot.config.env) }).map((plan) => [plan.name, targetOf(plan)]),
  );
  return new Map(
    snapshot.table.routes.map((route) => [
      route.documentId,
      { route, end: { backendName: route.backendName, backendType: route.backend.type, target: targets.get(route.backendName) ?? null } },
    ]),
  );
}

function sameEnd(a: RouteEnd, b: RouteEnd): boolean {
  return a.backendName === b.backendName && a.backendType === b.backendType && a.target === b.target;
}

export function diffStack(base: StackSnapshot | undefined, head: StackSnapshot | undefined, protectedEnvs: readonly string[] = ["prod"]): StackDiff {
  const before = base ? ends(base, protectedEnvs) : new Map();
  const after = head ? ends(head, protectedEnvs) : new Map();
  const env = head?.config.env ?? base?.config.env ?? "";
  const isProtected = protectedEnvs.includes(env);
  const acknowledgements = head?.table.acknowledgedSwitches ?? [];
  const used = new Set<AcknowledgedSwitch>();
  const headBackendTargets = head
    ? new Set(planBackends(head.table, head.config, { protectedEnv: isProtected }).map(targetOf).filter(Boolean))
    : new Set<string | null>();

  const changes: RouteChange[] = [];
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(id);
    const a = after.get(id);
    const route: ResolvedRoute = (a ?? b)!.route;
    const common = { documentId: id, scope: describeScope(route), kind: route.kind };
    if (!b) {
      changes.push({ ...common, class: "added", after: a!.end });
      continue;
    }
    if (!a) {
      changes.push({ ...common, class: "removed", before: b.end });
      continue;
    }
    if (sameEnd(a.end, b.end)) continue;
    const stateful = KIND_CATALOG[route.kind].stateful;
    const movesData = a.end.backendType !== b.end.backendType || a.end.target !== b.end.target;
    if (isProtected && isDurableBackendType(b.end.backendType) && !isDurableBackendType(a.end.backendType)) {
      changes.push({
        ...common,
        class: "downgrade",
        before: b.end,
        after: a.end,
        refused: `${env} must not route ${route.kind} to ${a.end.backendType} (ephemeral)`,
      });
      continue;
    }
    if (stateful && movesData) {
      const ack = acknowledgements.find(
        (k) =>
          k.kind === route.kind &&
          k.from === b.end.backendName &&
          k.to === a.end.backendName &&
          (k.tenant === undefined || k.tenant === route.tenant) &&
          (k.project === undefined || k.project === route.project),
      );
      if (ack) used.add(ack);
      let refused: string | undefined;
      if (isProtected && b.end.target !== null && !headBackendTargets.has(b.end.target)) {
        refused = `backend "${b.end.backendName}" (${b.end.target}) is removed in the same change that moves ${route.kind} off it; keep it until the data is migrated and remove it in a later change`;
      } else if (isProtected && !ack) {
        refused = `${route.kind} is stateful: moving it from "${b.end.backendName}" to "${a.end.backendName}" moves its data; declare the switch in acknowledgedSwitches of ${head!.table.file} ({ kind: "${route.kind}", tenant: "${route.tenant}", from: "${b.end.backendName}", to: "${a.end.backendName}", reason: "..." }) once the migration is planned`;
      }
      changes.push({ ...common, class: "stateful-switch", before: b.end, after: a.end, acknowledged: ack?.reason, refused });
      continue;
    }
    changes.push({ ...common, class: "switched", before: b.end, after: a.end });
  }
  changes.sort((x, y) => CHANGE_ORDER.indexOf(x.class) - CHANGE_ORDER.indexOf(y.class) || x.documentId.localeCompare(y.documentId));
  return {
    changes,
    refusals: changes.filter((c) => c.refused !== undefined),
    unusedAcknowledgements: acknowledgements.filter((k) => !used.has(k)),
  };
}
