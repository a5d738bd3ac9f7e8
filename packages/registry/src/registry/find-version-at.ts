import type { AliasHistoryRecord } from '@driftwatch/core';

/**
 * Which version an alias pointed to at a moment, from its history (oldest first, as
 * `store.readAliasHistory` returns it): the target of the last move at or before `at`, or
 * `undefined` when the alias did not exist then (not yet created, or removed).
 *
 * @example
 * ```ts
 * import { findVersionAt } from '@driftwatch/registry';
 * const history = await store.readAliasHistory('churn', 'champion');
 * findVersionAt(history, new Date('2026-03-01T12:00:00Z')); // 3
 * ```
 */
export function findVersionAt(history: readonly AliasHistoryRecord[], at: Date): number | undefined {
  const atMillis = at.getTime();
  let version: number | undefined;
  for (const entry of history) {
    if (entry.at.getTime() > atMillis) break;
    version = entry.toVersion;
  }
  return version;
}
