import type { ModelRouter, RouteDecision } from '@driftwatch/core';
import { createHash } from 'node:crypto';

/** A salted-hash champion/challenger router for tests, standing in for the registry's router. */
export function createSaltedSplitRouter(options: {
  modelName: string;
  champion: string;
  challenger: string;
  challengerShare: number;
  salt?: string;
  shadow?: { alias: string; modelVersion: string };
}): ModelRouter & { calls: number } {
  const salt = options.salt ?? 'test-salt';
  const router = {
    calls: 0,
    async route(request: { modelName: string; unitKey?: string }): Promise<RouteDecision> {
      router.calls++;
      const key = request.unitKey ?? Math.random().toString(36);
      const bucket = createHash('sha256').update(`${salt}:${key}`).digest().readUInt32BE(0) / 2 ** 32;
      const challenger = bucket < options.challengerShare;
      const decision: RouteDecision = {
        alias: challenger ? 'challenger' : 'champion',
        modelName: request.modelName,
        modelVersion: challenger ? options.challenger : options.champion,
      };
      if (options.shadow !== undefined) decision.shadow = options.shadow;
      return decision;
    },
    async shutdown() {},
  };
  return router;
}
