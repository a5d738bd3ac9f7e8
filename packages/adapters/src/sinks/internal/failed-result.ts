import type { AlertDeliveryError, AlertDeliveryResult } from '@driftwatch/core';

/**
 * Turns an {@link AlertDeliveryError} into the result the Monitor stores: the error's message,
 * status code and retryability, so every sink classifies failures the same way.
 */
export function failedResult(error: AlertDeliveryError, attempts: number): AlertDeliveryResult {
  const result: AlertDeliveryResult = { ok: false, attempts, error: error.message, retryable: error.retryable };
  if (error.statusCode !== undefined) result.statusCode = error.statusCode;
  return result;
}
