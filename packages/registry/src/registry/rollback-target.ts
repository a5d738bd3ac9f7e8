import type { AliasHistoryRecord } from '@driftwatch/core';

/** The evidence key that marks a move as a rollback, so that rollbacks stack. */
export const rollbackEvidenceKey = 'rollback';

/**
 * Where a rollback of an alias goes, from its history (oldest first): the version it pointed to
 * before its current one, treating earlier rollbacks as undone moves. So after A → B → C, one
 * rollback returns to B and a second to A (not back to C). Returns `found: false` when there is
 * nothing to roll back to; `version` is `undefined` when the alias did not exist before (the
 * rollback removes it).
 *
 * @example
 * ```ts
 * import { rollbackTarget } from './rollback-target.js';
 * rollbackTarget(await store.readAliasHistory('churn', 'champion')); // { found: true, current: 3, version: 2 }
 * ```
 */
export function rollbackTarget(
  history: readonly AliasHistoryRecord[],
): { found: true; current: number | undefined; version: number | undefined } | { found: false } {
  const stack: Array<number | undefined> = [];
  for (const entry of history) {
    if (entry.evidence?.[rollbackEvidenceKey] === true) stack.pop();
    else stack.push(entry.toVersion);
  }
  if (stack.length < 2) return { found: false };
  return { found: true, current: stack[stack.length - 1], version: stack[stack.length - 2] };
}
