import type { AliasHistoryRecord } from '@driftwatch/core';

/** The evidence key that marks an alias move as a rollback, shared with `@driftwatch/registry` so that rollbacks stack. */
export const rollbackEvidenceKey = 'rollback';

/** Where a rollback of an alias would go. */
export type RollbackTarget = { found: true; current: number | undefined; version: number | undefined } | { found: false };

/**
 * Where a rollback of an alias goes, from its history (oldest first): the version it pointed to
 * before its current one, treating earlier rollbacks as undone moves, so after A → B → C one
 * rollback returns to B and a second to A. The same rule as the registry's, reimplemented here
 * because the dashboard depends on `@driftwatch/core` only.
 *
 * @example
 * ```ts
 * import { rollbackTarget } from './rollback-target.js';
 * rollbackTarget([]); // { found: false }
 * ```
 */
export function rollbackTarget(history: readonly AliasHistoryRecord[]): RollbackTarget {
  const stack: Array<number | undefined> = [];
  for (const entry of history) {
    if (entry.evidence?.[rollbackEvidenceKey] === true) stack.pop();
    else stack.push(entry.toVersion);
  }
  if (stack.length < 2) return { found: false };
  return { found: true, current: stack[stack.length - 1], version: stack[stack.length - 2] };
}
