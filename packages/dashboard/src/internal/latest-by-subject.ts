import type { CheckResultRecord } from '@driftwatch/core';

/**
 * The newest result of each subject.
 *
 * @example
 * ```ts
 * import { latestBySubject } from './latest-by-subject.js';
 * latestBySubject([]).size; // 0
 * ```
 */
export function latestBySubject(records: readonly CheckResultRecord[]): Map<string, CheckResultRecord> {
  const latest = new Map<string, CheckResultRecord>();
  for (const record of records) {
    const current = latest.get(record.subject);
    if (current === undefined || record.checkedAt.getTime() >= current.checkedAt.getTime()) latest.set(record.subject, record);
  }
  return latest;
}
