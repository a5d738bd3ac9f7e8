import { describe, expect, it } from 'vitest';
import { parseRetryAfterMillis } from './parse-retry-after-millis.js';

describe('parseRetryAfterMillis', () => {
  const now = Date.parse('2025-01-15T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfterMillis('0', now)).toBe(0);
    expect(parseRetryAfterMillis(' 120 ', now)).toBe(120_000);
  });

  it('reads an HTTP-date relative to now, and a past date as 0', () => {
    expect(parseRetryAfterMillis('Wed, 15 Jan 2025 10:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfterMillis('Wed, 15 Jan 2025 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfterMillis(null, now)).toBeUndefined();
    expect(parseRetryAfterMillis('', now)).toBeUndefined();
    expect(parseRetryAfterMillis('1.5', now)).toBeUndefined();
    expect(parseRetryAfterMillis('-3', now)).toBeUndefined();
    expect(parseRetryAfterMillis('soon', now)).toBeUndefined();
  });
});
