import { z } from 'zod';

/** A model's answer for one request. Either part may be absent: a regressor has no label, a hard classifier no score. */
export interface Prediction {
  /** The predicted class, if any. */
  label?: string | number | boolean | null;
  /** The score or probability of the positive class, if any. */
  score?: number | null;
}

/**
 * One logged prediction. `id` is a UUIDv7, so ids sort by creation time and outcomes can be
 * joined to it later (the middleware returns it in a response header).
 *
 * @example
 * ```ts
 * import { createPredictionId, type PredictionRecord } from '@driftwatch/core';
 * const record: PredictionRecord = {
 *   id: createPredictionId(),
 *   timestamp: new Date(),
 *   modelName: 'churn',
 *   modelVersion: '3',
 *   features: { tenure: 12, Contract: 'Month-to-month' },
 *   prediction: { label: 'Yes', score: 0.71 },
 *   latencyMillis: 3.2,
 * };
 * ```
 */
export interface PredictionRecord {
  id: string;
  timestamp: Date;
  modelName: string;
  modelVersion: string;
  features: Record<string, unknown>;
  prediction: Prediction;
  /** Time the model took, in milliseconds. */
  latencyMillis?: number;
  /** A slice of traffic to monitor on its own, such as a region or an A/B arm. */
  segment?: string;
  /** The host's request id, for tracing. */
  requestId?: string;
  /** `error` when the handler failed; the prediction is then empty. @default 'ok' */
  status?: 'ok' | 'error';
  /** The error message when `status` is `error`. */
  errorMessage?: string;
  /** True when the prediction came from the prediction cache. */
  cacheHit?: boolean;
}

const labelSchema = z.union([z.string(), z.number(), z.boolean()]);

/** Validates a prediction at a boundary (HTTP bodies, rows read back from storage). */
export const predictionRecordSchema = z.object({
  id: z.string().min(1),
  timestamp: z.coerce.date(),
  modelName: z.string().min(1),
  modelVersion: z.string().min(1),
  features: z.record(z.string(), z.unknown()),
  prediction: z.object({ label: labelSchema.nullable().optional(), score: z.number().nullable().optional() }),
  latencyMillis: z.number().nonnegative().optional(),
  segment: z.string().optional(),
  requestId: z.string().optional(),
  status: z.enum(['ok', 'error']).optional(),
  errorMessage: z.string().optional(),
  cacheHit: z.boolean().optional(),
});
