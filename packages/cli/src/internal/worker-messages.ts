import { DriftwatchError, type DriftwatchErrorCode } from '@driftwatch/drift';
import type { ReadDatasetOptions, ReadDatasetResult } from '../read-dataset.js';

/** What the dataset worker receives as `workerData`. */
export interface DatasetWorkerInput {
  options: Omit<ReadDatasetOptions, 'onBytesRead'>;
}

/** What the dataset worker posts back: byte counts while reading, then one result or one error. */
export type DatasetWorkerMessage =
  | { type: 'bytes'; bytes: number }
  | { type: 'result'; result: ReadDatasetResult }
  | { type: 'error'; error: SerializedError };

/** An error reduced to what survives structured cloning with its meaning intact. */
export interface SerializedError {
  code?: DriftwatchErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Reduces an error for posting across threads. */
export function serializeError(error: unknown): SerializedError {
  if (DriftwatchError.isInstance(error)) return { code: error.code, message: error.message, details: { ...error.details } };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** Rebuilds an error posted by {@link serializeError}. */
export function deserializeError(error: SerializedError): Error {
  if (error.code === undefined) return new Error(error.message);
  return new DriftwatchError({ code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) });
}

/** The buffers of a result's columns, moved rather than copied to the main thread. */
export function transferables(result: ReadDatasetResult): ArrayBuffer[] {
  return result.columns.map((column) => (column.kind === 'numeric' ? column.values.buffer : column.codes.buffer) as ArrayBuffer);
}
