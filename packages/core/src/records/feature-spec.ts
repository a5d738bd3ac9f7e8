import { z } from 'zod';

/** What one feature is, and optionally what values it may take. */
export type FeatureDefinition =
  | { kind: 'numeric'; /** Inclusive allowed range; values outside are data-quality issues. */ range?: readonly [number, number] }
  | { kind: 'categorical'; /** Allowed categories; others are data-quality issues. */ categories?: readonly string[] };

/**
 * The features a model takes, by name.
 *
 * @example
 * ```ts
 * import type { FeatureSpec } from '@driftwatch/core';
 * const features: FeatureSpec = {
 *   tenure: { kind: 'numeric', range: [0, 72] },
 *   Contract: { kind: 'categorical', categories: ['Month-to-month', 'One year', 'Two year'] },
 * };
 * ```
 */
export type FeatureSpec = Readonly<Record<string, FeatureDefinition>>;

/** Validates a feature spec given in configuration. */
export const featureSpecSchema = z.record(
  z.string().min(1),
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('numeric'), range: z.tuple([z.number(), z.number()]).optional() }),
    z.object({ kind: z.literal('categorical'), categories: z.array(z.string()).optional() }),
  ]),
);
