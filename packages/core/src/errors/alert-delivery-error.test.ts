import { DriftwatchError } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import { AlertDeliveryError } from './alert-delivery-error.js';

describe('AlertDeliveryError', () => {
  it('is a DriftwatchError with its own fields, recognised by isInstance', () => {
    const error = new AlertDeliveryError({ message: 'HTTP 503', sink: 'webhook', statusCode: 503, retryable: true });
    expect(DriftwatchError.isInstance(error)).toBe(true);
    expect(AlertDeliveryError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ALERT_DELIVERY_FAILED', sink: 'webhook', statusCode: 503, retryable: true });
  });

  it('does not claim other Driftwatch errors', () => {
    expect(AlertDeliveryError.isInstance(new DriftwatchError({ code: 'NOT_FOUND', message: 'missing' }))).toBe(false);
    expect(AlertDeliveryError.isInstance(new Error('plain'))).toBe(false);
  });
});
