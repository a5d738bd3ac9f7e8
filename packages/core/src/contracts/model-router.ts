/** Which model a request was routed to. */
export interface RouteDecision {
  /** The alias that served, such as `champion` or `challenger`. */
  alias: string;
  modelName: string;
  modelVersion: string;
  /** A version to score in the background without returning its answer, if shadow mode is on. */
  shadow?: { alias: string; modelVersion: string };
}

/**
 * Chooses a model version for each request. `@driftwatch/registry` implements it with weighted,
 * sticky champion/challenger routing; the middleware depends only on this contract.
 *
 * @example
 * ```ts
 * import type { ModelRouter } from '@driftwatch/core';
 * const fixed: ModelRouter = {
 *   async route() {
 *     return { alias: 'champion', modelName: 'churn', modelVersion: '1' };
 *   },
 *   async shutdown() {},
 * };
 * ```
 */
export interface ModelRouter {
  /** Routes one request. The same `unitKey` (such as a customer id) always gets the same alias while the weights stand. */
  route(request: { modelName: string; unitKey?: string }): Promise<RouteDecision>;
  /** Releases caches and timers. Idempotent. */
  shutdown(): Promise<void>;
}
