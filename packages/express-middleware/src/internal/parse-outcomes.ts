import { outcomeRecordSchema, type OutcomeRecord } from '@driftwatch/core';
import { z } from 'zod';

/** One outcome as the outcomes route takes it: `timestamp` is optional and defaults to now. */
const outcomeInputSchema = z.object({
  predictionId: outcomeRecordSchema.shape.predictionId,
  label: outcomeRecordSchema.shape.label,
  timestamp: z
    .union([z.string().max(64), z.number().finite()])
    .pipe(z.coerce.date())
    .optional(),
});

/** The result of {@link parseOutcomes}: records to write, or the zod issues for a 422. */
export type ParsedOutcomes = { ok: true; records: OutcomeRecord[] } | { ok: false; issues: z.core.$ZodIssue[] };

/**
 * Validates the body of the outcomes route: one outcome or a non-empty array of at most
 * `maxCount`. Validation happens at this boundary only; the store trusts the records.
 */
export function parseOutcomes(body: unknown, maxCount: number, nowMillis: number): ParsedOutcomes {
  if (Array.isArray(body) && body.length > maxCount) {
    // Refuse before parsing thousands of elements only to count them.
    return {
      ok: false,
      issues: z.array(z.unknown()).max(maxCount).safeParse(body).error?.issues ?? [],
    };
  }
  const schema = Array.isArray(body) ? z.array(outcomeInputSchema).min(1).max(maxCount) : outcomeInputSchema;
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.slice(0, 100) };
  const inputs = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const now = new Date(nowMillis);
  return {
    ok: true,
    records: inputs.map((input) => ({ predictionId: input.predictionId, label: input.label, timestamp: input.timestamp ?? now })),
  };
}
