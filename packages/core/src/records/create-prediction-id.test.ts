import { describe, expect, it } from 'vitest';
import { createPredictionId } from './create-prediction-id.js';

describe('createPredictionId', () => {
  it('produces RFC 9562 version 7 UUIDs carrying the timestamp', () => {
    const now = Date.UTC(2026, 10, 26, 3, 0, 0);
    const id = createPredictionId(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
  });

  it('is strictly increasing as a string within and across milliseconds, even past 4,096 ids in one millisecond', () => {
    const now = Date.UTC(2027, 0, 1);
    const ids = Array.from({ length: 10_000 }, (_, index) => createPredictionId(now + Math.floor(index / 5000)));
    for (let index = 1; index < ids.length; index++) expect(ids[index]! > ids[index - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
