import { DriftwatchError } from '@driftwatch/core';

/**
 * Throws `INVALID_ARGUMENT` unless `value` is an integer of at least `minimum`, so that a typo
 * in a store's config fails at construction rather than at the first write.
 */
export function checkIntegerSetting(factory: string, field: string, value: number, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `${factory}: ${field} must be an integer of at least ${minimum}, not ${String(value)}.`,
      details: { field, value },
    });
  }
}
