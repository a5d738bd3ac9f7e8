import type { CheckResultRecord } from '@driftwatch/core';

/**
 * The check results of one Monitor: those covering every version and segment (`''`) when there
 * are any, else those of the (version, segment) pair with the most points. Several Monitors may
 * write the same kind (one per version or segment), and mixing them would zigzag the lines.
 *
 * @example
 * ```ts
 * import { selectMonitorScope } from './select-monitor-scope.js';
 * selectMonitorScope([]); // []
 * ```
 */
export function selectMonitorScope(records: readonly CheckResultRecord[]): CheckResultRecord[] {
  const groups = new Map<string, CheckResultRecord[]>();
  for (const record of records) {
    const key = `${record.modelVersion}\u0000${record.segment}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = []));
    group.push(record);
  }
  const everything = groups.get('\u0000');
  if (everything !== undefined) return everything;
  let largest: CheckResultRecord[] = [];
  for (const group of groups.values()) if (group.length > largest.length) largest = group;
  return largest;
}
