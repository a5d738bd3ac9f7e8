import { DriftwatchError } from '@driftwatch/drift';
import { hostname } from 'node:os';
import { z } from 'zod';
import { systemClock, type Clock } from '../../contracts/clock.js';
import type { EventStore } from '../../contracts/event-store.js';
import type { BaselineRecord } from '../../records/baseline-record.js';
import type { PredictionLoggerConfig } from '../create-prediction-logger.js';
import { checkFactoryConfig } from '../../internal/check-factory-config.js';

/** Every default of `createPredictionLogger`, in the one place they are applied. */
export const predictionLoggerDefaults = Object.freeze({
  maxQueueSize: 10_000,
  maxBatchSize: 512,
  flushIntervalMillis: 1000,
  writeTimeoutMillis: 10_000,
  initialRetryDelayMillis: 1000,
  maxRetryDelayMillis: 30_000,
  maxRetries: 10,
  maxRetryMillis: 300_000,
  flushTimeoutMillis: 10_000,
  windowSeconds: 60,
  maxOpenWindows: 1000,
  maxPendingWindowProfiles: 1000,
  retentionDays: 30,
  retentionIntervalMillis: 3_600_000,
  rawSampleRate: 1,
});

/** The logger's settings after defaults, frozen. */
export interface ResolvedPredictionLoggerConfig {
  readonly store: EventStore;
  readonly baseline: BaselineRecord | undefined;
  readonly maxQueueSize: number;
  readonly maxBatchSize: number;
  readonly flushIntervalMillis: number;
  readonly writeTimeoutMillis: number;
  readonly initialRetryDelayMillis: number;
  readonly maxRetryDelayMillis: number;
  readonly maxRetries: number;
  readonly maxRetryMillis: number;
  readonly flushTimeoutMillis: number;
  readonly windowSeconds: number;
  readonly windowProfiles: boolean;
  readonly maxOpenWindows: number;
  readonly maxPendingWindowProfiles: number;
  readonly replicaId: string;
  readonly retentionDays: number | false;
  readonly retentionIntervalMillis: number;
  readonly rawSampleRate: number;
  readonly onError: (error: DriftwatchError) => void;
  readonly clock: Clock;
  readonly random: () => number;
}

const positiveInteger = z.number().int().positive();
const positiveMillis = z.number().positive().finite();

const numbersSchema = z.object({
  maxQueueSize: positiveInteger.optional(),
  maxBatchSize: positiveInteger.optional(),
  flushIntervalMillis: positiveMillis.optional(),
  writeTimeoutMillis: positiveMillis.optional(),
  initialRetryDelayMillis: positiveMillis.optional(),
  maxRetryDelayMillis: positiveMillis.optional(),
  maxRetries: z.number().int().nonnegative().optional(),
  maxRetryMillis: z.number().nonnegative().optional(),
  flushTimeoutMillis: positiveMillis.optional(),
  windowSeconds: positiveInteger.optional(),
  windowProfiles: z.boolean().optional(),
  maxOpenWindows: positiveInteger.optional(),
  maxPendingWindowProfiles: positiveInteger.optional(),
  replicaId: z.string().min(1).optional(),
  retentionDays: z.union([z.number().positive(), z.literal(false)]).optional(),
  retentionIntervalMillis: positiveMillis.optional(),
  rawSampleRate: z.number().min(0).max(1).optional(),
});

const storeMethods = ['writePredictions', 'writeWindowProfiles', 'deleteBefore'] as const;

/** The default `onError`: one line on stderr, so a failing store is never silent. */
function warn(error: DriftwatchError): void {
  console.warn(`[driftwatch] prediction logger: ${error.message}`);
}

/** Validates the config (throwing `VALIDATION_FAILED` at construction, never later) and applies every default. */
export function resolvePredictionLoggerConfig(config: PredictionLoggerConfig): ResolvedPredictionLoggerConfig {
  checkFactoryConfig(config, { factory: 'createPredictionLogger', subject: 'prediction logger', storeMethods, schema: numbersSchema });
  const defaults = predictionLoggerDefaults;
  const random = config.random ?? Math.random;
  const resolved: ResolvedPredictionLoggerConfig = {
    store: config.store,
    baseline: config.baseline,
    maxQueueSize: config.maxQueueSize ?? defaults.maxQueueSize,
    maxBatchSize: config.maxBatchSize ?? defaults.maxBatchSize,
    flushIntervalMillis: config.flushIntervalMillis ?? defaults.flushIntervalMillis,
    writeTimeoutMillis: config.writeTimeoutMillis ?? defaults.writeTimeoutMillis,
    initialRetryDelayMillis: config.initialRetryDelayMillis ?? defaults.initialRetryDelayMillis,
    maxRetryDelayMillis: config.maxRetryDelayMillis ?? defaults.maxRetryDelayMillis,
    maxRetries: config.maxRetries ?? defaults.maxRetries,
    maxRetryMillis: config.maxRetryMillis ?? defaults.maxRetryMillis,
    flushTimeoutMillis: config.flushTimeoutMillis ?? defaults.flushTimeoutMillis,
    windowSeconds: config.windowSeconds ?? defaults.windowSeconds,
    windowProfiles: config.windowProfiles ?? true,
    maxOpenWindows: config.maxOpenWindows ?? defaults.maxOpenWindows,
    maxPendingWindowProfiles: config.maxPendingWindowProfiles ?? defaults.maxPendingWindowProfiles,
    replicaId: config.replicaId ?? defaultReplicaId(random),
    retentionDays: config.retentionDays ?? defaults.retentionDays,
    retentionIntervalMillis: config.retentionIntervalMillis ?? defaults.retentionIntervalMillis,
    rawSampleRate: config.rawSampleRate ?? defaults.rawSampleRate,
    onError: config.onError ?? warn,
    clock: config.clock ?? systemClock,
    random,
  };
  return Object.freeze(resolved);
}

/** `hostname-pid-random`: unique per process even when containers share a hostname and pid 1. */
function defaultReplicaId(random: () => number): string {
  const suffix = Math.floor(Math.min(0.999999, Math.max(0, random())) * 0x1000000)
    .toString(16)
    .padStart(6, '0');
  return `${hostname()}-${process.pid}-${suffix}`;
}
