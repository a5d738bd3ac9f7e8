import { describe, expect, it } from 'vitest';
import { backoffDelayMillis } from './backoff-delay-millis.js';

describe('backoffDelayMillis', () => {
  const options = { initialBackoffMillis: 500, maxBackoffMillis: 30_000 };

  it('draws uniformly below a bound that doubles per retry', () => {
    expect([1, 2, 3, 4].map((retryNumber) => backoffDelayMillis({ ...options, retryNumber, random: () => 0.5 }))).toEqual([
      250, 500, 1_000, 2_000,
    ]);
    expect(backoffDelayMillis({ ...options, retryNumber: 3, random: () => 0 })).toBe(0);
  });

  it('caps the bound at maxBackoffMillis and clamps a misbehaving random', () => {
    expect(backoffDelayMillis({ ...options, retryNumber: 20, random: () => 0.5 })).toBe(15_000);
    expect(backoffDelayMillis({ ...options, retryNumber: 1, random: () => 7 })).toBe(500);
    expect(backoffDelayMillis({ ...options, retryNumber: 1, random: () => -1 })).toBe(0);
  });
});
