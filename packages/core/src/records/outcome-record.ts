import { z } from 'zod';

/**
 * The ground truth for a prediction, which usually arrives later (a customer churns or not a
 * month after the prediction). Joined to its prediction by `predictionId`.
 *
 * @example
 * ```ts
 * import type { OutcomeRecord } from '@driftwatch/core';
 * const outcome: OutcomeRecord = { predictionId: '0190…', label: 'Yes', timestamp: new Date() };
 * ```
 */
export interface OutcomeRecord {
  predictionId: string;
  label: string | number | boolean;
  timestamp: Date;
}

/** Validates an outcome at a boundary. `timestamp` defaults to now at the boundary that receives it. */
export const outcomeRecordSchema = z.object({
  predictionId: z.string().min(1).max(200),
  label: z.union([z.string().max(1000), z.number(), z.boolean()]),
  timestamp: z.coerce.date(),
});
