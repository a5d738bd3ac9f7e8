import { describe, expect, it } from 'vitest';
import { parseCronExpression } from './cron-expression.js';

const iso = (millis: number) => new Date(millis).toISOString();
const from = Date.UTC(2026, 0, 1, 12, 30, 15); // Thursday 2026-01-01 12:30:15Z

describe('parseCronExpression', () => {
  it.each([
    ['* * * * *', '2026-01-01T12:31:00.000Z'],
    ['0 3 * * *', '2026-01-02T03:00:00.000Z'],
    ['*/15 * * * *', '2026-01-01T12:45:00.000Z'],
    ['0 */6 * * *', '2026-01-01T18:00:00.000Z'],
    ['30 12 * * *', '2026-01-02T12:30:00.000Z'],
    ['0 9 * * MON-FRI', '2026-01-02T09:00:00.000Z'],
    ['0 9 * * 1', '2026-01-05T09:00:00.000Z'],
    ['0 0 * * 7', '2026-01-04T00:00:00.000Z'],
    ['0 0 1 * *', '2026-02-01T00:00:00.000Z'],
    ['0 0 29 2 *', '2028-02-29T00:00:00.000Z'],
    ['0 0 1 jan,jul *', '2026-07-01T00:00:00.000Z'],
    ['5,10-12/2 14 * * *', '2026-01-01T14:05:00.000Z'],
    // Both day fields restricted: either one matches (the 1st of the month or a Saturday).
    ['0 0 1 * 6', '2026-01-03T00:00:00.000Z'],
  ])('%s after Thu 2026-01-01 12:30:15Z is %s', (expression, expected) => {
    expect(iso(parseCronExpression(expression).next(from))).toBe(expected);
  });

  it('is strictly after the given time, also on an exact match', () => {
    const hourly = parseCronExpression('0 * * * *');
    expect(iso(hourly.next(Date.UTC(2026, 0, 1, 12)))).toBe('2026-01-01T13:00:00.000Z');
  });

  it.each(['', '* * * *', '60 * * * *', '* 24 * * *', '* * 0 * *', '* * * 13 *', '* * * * 8', '*/0 * * * *', '5-1 * * * *', 'a * * * *', '1/2/3 * * * *'])(
    'rejects %j with INVALID_ARGUMENT',
    (expression) => {
      expect(() => parseCronExpression(expression)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    },
  );

  it('rejects an expression that never matches when asked for the next time', () => {
    expect(() => parseCronExpression('0 0 30 2 *').next(from)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
