import {
  DriftwatchError,
  systemClock,
  type AliasRecord,
  type Clock,
  type ModelRouter,
  type RegistryStore,
  type RouteDecision,
  type RoutingConfigRecord,
} from '@driftwatch/core';
import { hashUnitKey } from '../hash-unit-key.js';

/**
 * Config for {@link createModelRouter}. Only `store` is required.
 *
 * @example
 * ```ts
 * import type { ModelRouterConfig } from '@driftwatch/registry';
 * import { createInMemoryRegistryStore } from '@driftwatch/core/testing';
 * const config: ModelRouterConfig = { store: createInMemoryRegistryStore(), cacheTtlMillis: 2000 };
 * ```
 */
export interface ModelRouterConfig {
  /** Where aliases and routing configs are read. The router never shuts it down. */
  store: RegistryStore;
  /**
   * How long a model's routing (config and aliases) is served from memory before it is read
   * again. A change of weights, an alias move or the kill switch reaches every worker within this time.
   * @default 5000
   */
  cacheTtlMillis?: number;
  /** Reads the time for the cache. @default systemClock */
  clock?: Clock;
  /** Draws the bucket of a request without a unit key, in [0, 1). Pass a seeded generator in tests. @default Math.random */
  random?: () => number;
  /** Hears about failed reloads (the stale routing keeps serving). Called inside a guard. @default a one-line `console.warn` */
  onError?: (error: DriftwatchError) => void;
}

/**
 * How many requests a router sent to one alias of one model since it was created.
 *
 * @example
 * ```ts
 * import type { RouterCounter } from '@driftwatch/registry';
 * const counter: RouterCounter = { modelName: 'churn', alias: 'challenger', routed: 104, shadowed: 0 };
 * ```
 */
export interface RouterCounter {
  modelName: string;
  alias: string;
  /** Requests whose answer this alias served. */
  routed: number;
  /** Requests on which this alias was asked to score in the background (shadow mode). */
  shadowed: number;
}

/**
 * A request to route.
 *
 * @example
 * ```ts
 * import type { RouteRequest } from '@driftwatch/registry';
 * const request: RouteRequest = { modelName: 'churn', unitKey: 'customer-42' };
 * ```
 */
export interface RouteRequest {
  modelName: string;
  /** Keeps the assignment sticky (a customer id). Absent or `''`: a random draw per request. */
  unitKey?: string;
}

/**
 * The registry's {@link ModelRouter}: a weighted, sticky champion/challenger split read from the
 * store's routing config and aliases, cached for `cacheTtlMillis`, with shadow mode, a kill switch
 * and per-alias counters. `route` is the async contract method; `routeSync` is the fast path for
 * callers that can fall back when a model's routing is not cached yet.
 *
 * @example
 * ```ts
 * import { createModelRouter, type RegistryModelRouter } from '@driftwatch/registry';
 * const router: RegistryModelRouter = createModelRouter({ store });
 * const decision = await router.route({ modelName: 'churn', unitKey: 'customer-42' });
 * const fast = router.routeSync({ modelName: 'churn', unitKey: 'customer-42' }) ?? decision;
 * ```
 */
export interface RegistryModelRouter extends ModelRouter {
  /**
   * Routes one request. Resolves from the cache without touching the store while it is fresh;
   * otherwise reloads first (one read per model however many requests wait). When a reload fails
   * the stale routing keeps serving (reported to `onError`); with nothing cached it rejects.
   * Rejects with `NOT_FOUND` when the model has no `champion` alias.
   */
  route(request: RouteRequest): Promise<RouteDecision>;
  /**
   * Routes one request synchronously from the cache: about a microsecond, no promise. Returns
   * `undefined` when the model's routing is not cached yet (and starts loading it); serves stale
   * routing while a background reload runs. Throws `NOT_FOUND` when the model has no `champion`.
   */
  routeSync(request: RouteRequest): RouteDecision | undefined;
  /** Reloads a model's routing now, bypassing the TTL. */
  refresh(modelName: string): Promise<void>;
  /** Requests per model and alias since creation, sorted by model then alias. */
  counters(): RouterCounter[];
}

interface Arm {
  alias: string;
  modelVersion: string;
  /** Cumulative share: the arm serves buckets in [previous arm's bound, upperBound). */
  upperBound: number;
  counter: RouterCounter;
}

interface RoutingTable {
  expiresAtMillis: number;
  salt: string;
  arms: Arm[];
  shadow: { alias: string; modelVersion: string; counter: RouterCounter } | undefined;
  /** Set when the model cannot be routed (no champion); thrown on every call until a reload fixes it. */
  failure: DriftwatchError | undefined;
}

const championAlias = 'champion';

/**
 * Creates a {@link RegistryModelRouter}.
 *
 * Assignment: each request's bucket in [0, 1) is `hashUnitKey(salt, unitKey)` (or `random()`
 * without a unit key); the arms (aliases with a positive weight that resolve to a version) take
 * consecutive slices of [0, 1) in proportion to their weights, the non-champion aliases first in
 * name order and `champion` last. So raising the challenger's share from 10 % to 20 % keeps every
 * unit that was on the challenger there. With no routing config, or the kill switch on, every
 * request goes to `champion` (and shadow mode is off). Throws `VALIDATION_FAILED` for an invalid config.
 *
 * @example
 * ```ts
 * import { createModelRegistry, createModelRouter } from '@driftwatch/registry';
 * import { createInMemoryRegistryStore } from '@driftwatch/core/testing';
 * const store = createInMemoryRegistryStore();
 * const registry = createModelRegistry({ store });
 * await registry.updateRouting('churn', { weights: { champion: 0.9, challenger: 0.1 } });
 * const router = createModelRouter({ store, cacheTtlMillis: 5000 });
 * const decision = await router.route({ modelName: 'churn', unitKey: 'customer-42' });
 * decision.alias; // 'champion' for about 90 % of customers, always the same for this one
 * ```
 */
export function createModelRouter(config: ModelRouterConfig): RegistryModelRouter {
  const settings = resolveConfig(config);
  const { store, clock, cacheTtlMillis, random } = settings;
  const tables = new Map<string, RoutingTable>();
  const loading = new Map<string, Promise<RoutingTable>>();
  const counters = new Map<string, Map<string, RouterCounter>>();
  let closed = false;

  function report(error: unknown): void {
    try {
      settings.onError(
        DriftwatchError.isInstance(error)
          ? error
          : new DriftwatchError({ code: 'STORE_FAILED', message: `Reading routing failed: ${error instanceof Error ? error.message : String(error)}`, cause: error }),
      );
    } catch {
      // A failing hook must not break routing.
    }
  }

  function counterFor(modelName: string, alias: string): RouterCounter {
    let byAlias = counters.get(modelName);
    if (byAlias === undefined) counters.set(modelName, (byAlias = new Map()));
    let counter = byAlias.get(alias);
    if (counter === undefined) byAlias.set(alias, (counter = { modelName, alias, routed: 0, shadowed: 0 }));
    return counter;
  }

  function buildTable(modelName: string, routing: RoutingConfigRecord | undefined, aliases: readonly AliasRecord[]): RoutingTable {
    const expiresAtMillis = clock.now() + cacheTtlMillis;
    const versions = new Map(aliases.map((record) => [record.alias, String(record.version)]));
    const championVersion = versions.get(championAlias);
    if (championVersion === undefined) {
      const failure = new DriftwatchError({
        code: 'NOT_FOUND',
        message: `Model ${modelName} has no ${championAlias} alias; nothing to route to.`,
        details: { modelName },
      });
      return { expiresAtMillis, salt: '', arms: [], shadow: undefined, failure };
    }
    const weighted =
      routing === undefined || routing.killSwitch
        ? []
        : Object.entries(routing.weights)
            .filter(([alias, weight]) => weight > 0 && Number.isFinite(weight) && versions.has(alias))
            .sort(([left], [right]) => (left === championAlias ? 1 : right === championAlias ? -1 : left < right ? -1 : left > right ? 1 : 0));
    const entries: Array<[string, number]> = weighted.length > 0 ? weighted : [[championAlias, 1]];
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let cumulative = 0;
    const arms = entries.map(([alias, weight], index): Arm => {
      cumulative += weight;
      return {
        alias,
        modelVersion: versions.get(alias)!,
        upperBound: index === entries.length - 1 ? 1 : cumulative / total,
        counter: counterFor(modelName, alias),
      };
    });
    const shadowAlias = routing?.killSwitch === false ? routing.shadowAlias : undefined;
    const shadowVersion = shadowAlias === undefined ? undefined : versions.get(shadowAlias);
    const shadow =
      shadowAlias === undefined || shadowVersion === undefined
        ? undefined
        : { alias: shadowAlias, modelVersion: shadowVersion, counter: counterFor(modelName, shadowAlias) };
    return { expiresAtMillis, salt: routing?.salt ?? modelName, arms, shadow, failure: undefined };
  }

  /** Reloads one model's routing; concurrent callers share one read. On failure a stale table keeps serving. */
  function reload(modelName: string): Promise<RoutingTable> {
    let pending = loading.get(modelName);
    if (pending !== undefined) return pending;
    pending = (async () => {
      try {
        const [routing, aliases] = await Promise.all([store.readRoutingConfig(modelName), store.listAliases(modelName)]);
        const table = buildTable(modelName, routing, aliases);
        if (!closed) tables.set(modelName, table);
        return table;
      } catch (error) {
        const stale = tables.get(modelName);
        report(error);
        if (stale === undefined) throw error;
        // Keep serving what we had, and try again after another TTL rather than on every request.
        stale.expiresAtMillis = clock.now() + cacheTtlMillis;
        return stale;
      } finally {
        loading.delete(modelName);
      }
    })();
    loading.set(modelName, pending);
    return pending;
  }

  function decide(table: RoutingTable, request: RouteRequest): RouteDecision {
    if (table.failure !== undefined) throw table.failure;
    const arms = table.arms;
    let arm = arms[arms.length - 1]!;
    if (arms.length > 1) {
      const unitKey = request.unitKey;
      const bucket = unitKey === undefined || unitKey === '' ? random() : hashUnitKey(table.salt, unitKey);
      for (let index = 0; index < arms.length; index++) {
        if (bucket < arms[index]!.upperBound) {
          arm = arms[index]!;
          break;
        }
      }
    }
    arm.counter.routed++;
    const shadow = table.shadow;
    if (shadow !== undefined && shadow.alias !== arm.alias) {
      shadow.counter.shadowed++;
      return {
        alias: arm.alias,
        modelName: request.modelName,
        modelVersion: arm.modelVersion,
        shadow: { alias: shadow.alias, modelVersion: shadow.modelVersion },
      };
    }
    return { alias: arm.alias, modelName: request.modelName, modelVersion: arm.modelVersion };
  }

  function ensureOpen(operation: string): void {
    if (closed) throw new DriftwatchError({ code: 'SHUTDOWN', message: `The model router is shut down; ${operation} refused.`, details: { operation } });
  }

  return {
    async route(request) {
      ensureOpen('route');
      const table = tables.get(request.modelName);
      if (table !== undefined && clock.now() < table.expiresAtMillis) return decide(table, request);
      return decide(await reload(request.modelName), request);
    },

    routeSync(request) {
      ensureOpen('routeSync');
      const table = tables.get(request.modelName);
      if (table === undefined) {
        reload(request.modelName).catch(() => undefined);
        return undefined;
      }
      if (clock.now() >= table.expiresAtMillis) reload(request.modelName).catch(() => undefined);
      return decide(table, request);
    },

    async refresh(modelName) {
      ensureOpen('refresh');
      await reload(modelName);
    },

    counters() {
      const all: RouterCounter[] = [];
      for (const modelName of [...counters.keys()].sort()) {
        const byAlias = counters.get(modelName)!;
        for (const alias of [...byAlias.keys()].sort()) all.push({ ...byAlias.get(alias)! });
      }
      return all;
    },

    async shutdown() {
      closed = true;
      tables.clear();
    },
  };
}

interface ResolvedModelRouterConfig {
  store: RegistryStore;
  cacheTtlMillis: number;
  clock: Clock;
  random: () => number;
  onError: (error: DriftwatchError) => void;
}

function warn(error: DriftwatchError): void {
  console.warn(`[driftwatch] router: ${error.message}`);
}

function resolveConfig(config: ModelRouterConfig): Readonly<ResolvedModelRouterConfig> {
  const store = config?.store as Partial<RegistryStore> | undefined;
  if (typeof store?.readRoutingConfig !== 'function' || typeof store.listAliases !== 'function') {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'createModelRouter needs config.store, a RegistryStore.' });
  }
  const cacheTtlMillis = config.cacheTtlMillis ?? 5000;
  if (!(Number.isFinite(cacheTtlMillis) && cacheTtlMillis >= 0)) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `cacheTtlMillis must be a finite number ≥ 0, got ${config.cacheTtlMillis}.` });
  }
  return Object.freeze({
    store: config.store,
    cacheTtlMillis,
    clock: config.clock ?? systemClock,
    random: config.random ?? Math.random,
    onError: config.onError ?? warn,
  });
}
