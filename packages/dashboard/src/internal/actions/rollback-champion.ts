import { DriftwatchError } from '@driftwatch/core';
import { z } from 'zod';
import type { ResolvedDashboardConfig } from '../resolve-dashboard-config.js';
import { rollbackEvidenceKey, rollbackTarget } from '../rollback-target.js';
import type { ActionResult } from './action-result.js';

const rollbackBodySchema = z.object({
  /** The champion version the page showed: the compare-and-set condition. */
  expectedVersion: z.number().int().positive(),
  /** The version the page offered to roll back to; a different target means the history changed. */
  toVersion: z.number().int().positive().optional(),
});

/**
 * Moves the `champion` alias back to its previous version (from the alias history, rollbacks
 * stacking as in the registry), with `RegistryStore.moveAlias` as a compare-and-set on the version
 * the page showed, actor `dashboard`. Answers 409 when the champion moved meanwhile (the store's
 * `CONFLICT`), when the history no longer offers that target, or when there is nothing to roll back to.
 *
 * @example
 * ```ts
 * import { rollbackChampion } from './rollback-champion.js';
 * // const result = await rollbackChampion(config, 'churn', { expectedVersion: 3, toVersion: 2 }, Date.now());
 * ```
 */
export async function rollbackChampion(
  config: Readonly<ResolvedDashboardConfig>,
  modelName: string,
  body: unknown,
  nowMillis: number,
): Promise<ActionResult> {
  const { registry } = config;
  if (registry === undefined) return { status: 404, body: { error: 'No registry is configured.' } };
  const parsed = rollbackBodySchema.safeParse(body);
  if (!parsed.success) {
    return { status: 400, body: { error: 'The body must be JSON: { "expectedVersion": <number>, "toVersion"?: <number> }.', issues: parsed.error.issues } };
  }
  const { expectedVersion, toVersion } = parsed.data;
  const target = rollbackTarget(await registry.readAliasHistory(modelName, 'champion'));
  if (!target.found || target.version === undefined) {
    return { status: 409, body: { error: 'The champion has no earlier version to roll back to.' } };
  }
  if (toVersion !== undefined && toVersion !== target.version) {
    return { status: 409, body: { error: 'The champion history changed since the page was loaded; reload and try again.', toVersion: target.version } };
  }
  try {
    const moved = await registry.moveAlias({
      modelName,
      alias: 'champion',
      expectedVersion,
      toVersion: target.version,
      actor: 'dashboard',
      reason: `rolled back from version ${expectedVersion} to ${target.version} from the dashboard`,
      evidence: { [rollbackEvidenceKey]: true },
      at: new Date(nowMillis),
    });
    return { status: 200, body: { modelName, alias: 'champion', fromVersion: moved.fromVersion ?? null, toVersion: moved.toVersion ?? null, sequence: moved.sequence } };
  } catch (error) {
    if (DriftwatchError.isInstance(error) && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) {
      const current = await registry.readAlias(modelName, 'champion').catch(() => undefined);
      return {
        status: 409,
        body: { error: 'The champion moved since the page was loaded; reload and try again.', currentVersion: current?.version ?? null },
      };
    }
    throw error;
  }
}
