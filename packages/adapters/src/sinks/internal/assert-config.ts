import { DriftwatchError } from '@driftwatch/core';

// Sink configs are checked once, at construction, so a typo fails at startup rather than at the
// first alert. Messages name the field but never echo its value: URLs and secrets stay out of logs.

function invalid(sinkLabel: string, message: string): DriftwatchError {
  return new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `${sinkLabel}: ${message}` });
}

/** Throws unless `value` is a finite number greater than 0. */
export function assertPositiveNumber(sinkLabel: string, field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalid(sinkLabel, `${field} must be a finite number greater than 0.`);
  }
}

/** Throws unless `value` is a finite number of at least 0. */
export function assertNonNegativeNumber(sinkLabel: string, field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalid(sinkLabel, `${field} must be a finite number of at least 0.`);
  }
}

/** Throws unless `value` is an integer of at least 1. */
export function assertPositiveInteger(sinkLabel: string, field: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw invalid(sinkLabel, `${field} must be an integer of at least 1.`);
  }
}

/** Throws unless `value` is a non-empty string. */
export function assertNonEmptyString(sinkLabel: string, field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(sinkLabel, `${field} must be a non-empty string.`);
  }
}

/** Throws unless `value` is an absolute http: or https: URL. */
export function assertHttpUrl(sinkLabel: string, field: string, value: unknown): asserts value is string {
  assertNonEmptyString(sinkLabel, field, value);
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    throw invalid(sinkLabel, `${field} must be an absolute http(s) URL.`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw invalid(sinkLabel, `${field} must be an absolute http(s) URL.`);
  }
}

/** Throws unless `value` is a function. */
export function assertFunction(sinkLabel: string, field: string, value: unknown): void {
  if (typeof value !== 'function') throw invalid(sinkLabel, `${field} must be a function.`);
}

/** Throws unless `value` is a record of valid HTTP header names and values. */
export function assertHeaders(sinkLabel: string, field: string, value: Readonly<Record<string, string>>): void {
  try {
    new Headers(value as Record<string, string>);
  } catch {
    throw invalid(sinkLabel, `${field} must map valid HTTP header names to valid header values.`);
  }
}
