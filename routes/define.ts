// `defineRoutes`: the typed front door of a route file.
//
// At run time it returns its argument untouched (the loader validates everything, for
// files written in plain JS too). At compile time it narrows what a reviewer can write:
// a kind that does not exist, a backend name that is not declared, a backend whose type
// the kind does not accept, or (in a prod file) an ephemeral backend, are type errors.
import type { AllowedBackendType, DurableBackendType, Env, ResourceKind } from "./catalog";
import type {
  BackendSpec,
  FirestoreBackend,
  LocalBackend,
  MemoryBackend,
  NoopBackend,
  RedisBackend,
  S3Backend,
} from "./schema";

type Backends = Record<string, BackendSpec>;

type TypesAllowedIn<E extends Env> = E extends "prod" ? DurableBackendType : BackendSpec["type"];

/** Names of the declared backends that kind K may route to in env E. */
export type BackendNameFor<B extends Backends, K extends ResourceKind, E extends Env> = {
  [N in keyof B & string]: B[N]["type"] extends AllowedBackendType<K> & TypesAllowedIn<E> ? N : never;
}[keyof B & string];

export interface RouteRowInput<Name extends string> {
  /** Name of an entry under `backends`. */
  readonly backend: Name;
  /** Firestore collection that holds the kind's data. @default - the kind's name */
  readonly collection?: string;
}

type OverrideFor<B extends Backends, T extends string, E extends Env> = {
  [K in ResourceKind]: {
    readonly tenant: NoInfer<T>;
    /** Narrows the override to one of the tenant's declared `projects`. */
    readonly project?: string;
    readonly kind: K;
    readonly backend: BackendNameFor<B, K, E>;
    readonly collection?: string;
    /** Why this tenant differs, for reviewers. */
    readonly reason?: string;
  };
}[ResourceKind];

export interface RouteFileInput<E extends Env, T extends string, B extends Backends> {
  /** The env every document of this file is written for; must equal the stack's `routing-infra:env`. */
  readonly env: E;
  /** Tenants this stack serves. Every required kind is routed for each of them. */
  readonly tenants: readonly T[];
  /** Projects per tenant. A declared project gets its own full set of route documents. */
  readonly projects?: { readonly [tenant in NoInfer<T>]?: readonly string[] };
  /** Named backends, referenced by name from routes and overrides. */
  readonly backends: B;
  /** The default route of each kind, for every tenant. */
  readonly routes: { readonly [K in ResourceKind]?: RouteRowInput<BackendNameFor<B, K, E>> };
  /** Per-tenant and per-tenant+project exceptions. tenant+project beats tenant beats default. */
  readonly overrides?: readonly OverrideFor<B, T, E>[];
  /** Reviewed switches of stateful kinds (see docs/safety.md). */
  readonly acknowledgedSwitches?: readonly {
    readonly kind: ResourceKind;
    readonly tenant?: NoInfer<T>;
    readonly project?: string;
    readonly from: string;
    readonly to: keyof B & string;
    readonly reason: string;
  }[];
}

export function defineRoutes<
  const E extends Env,
  const T extends string,
  const B extends Backends,
>(file: RouteFileInput<E, T, B>): RouteFileInput<E, T, B> {
  return file;
}

export type { BackendSpec, FirestoreBackend, LocalBackend, MemoryBackend, NoopBackend, RedisBackend, S3Backend };
