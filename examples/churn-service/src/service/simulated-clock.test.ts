import { describe, expect, it } from 'vitest';
import { createSimulatedClock } from './simulated-clock.js';

describe('createSimulatedClock', () => {
  it('fires timers in due order, each seeing its own due time, and never moves backwards', () => {
    const clock = createSimulatedClock({ startMillis: 1000 });
    const fired: Array<[string, number]> = [];
    clock.setTimeout(() => fired.push(['b', clock.now()]), 200);
    clock.setTimeout(() => fired.push(['a', clock.now()]), 100);
    clock.advanceTo(1150);
    expect(fired).toEqual([['a', 1100]]);
    expect(clock.now()).toBe(1150);
    clock.advanceTo(900);
    expect(clock.now()).toBe(1150);
    clock.advanceTo(5000);
    expect(fired).toEqual([
      ['a', 1100],
      ['b', 1200],
    ]);
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('fires an interval once per move however many periods the move spans, then on the next period after it', () => {
    const clock = createSimulatedClock({ startMillis: 0 });
    const fired: number[] = [];
    clock.setInterval(() => fired.push(clock.now()), 1000);
    clock.advanceTo(3_600_000);
    expect(fired).toEqual([1000]);
    clock.advanceTo(3_600_500);
    expect(fired).toEqual([1000]);
    clock.advanceTo(3_601_000);
    expect(fired).toEqual([1000, 3_601_000]);
  });

  it('runs timers a callback schedules in the past of the move within the same move, and cancels', () => {
    const clock = createSimulatedClock({ startMillis: 0 });
    const fired: number[] = [];
    const hourly = (at: number) =>
      clock.setTimeout(() => {
        fired.push(at);
        hourly(at + 3600);
      }, at - clock.now());
    hourly(3600);
    const cancelled = clock.setTimeout(() => fired.push(-1), 5000);
    cancelled.cancel();
    clock.advanceTo(3 * 3600 + 1);
    expect(fired).toEqual([3600, 7200, 10_800]);
  });

  it('lets a callback move the clock further without re-entering, and stops a zero-delay loop after maxFiringsPerAdvance', () => {
    const clock = createSimulatedClock({ startMillis: 0, maxFiringsPerAdvance: 50 });
    clock.setTimeout(() => clock.advanceTo(10_000), 10);
    clock.advanceTo(20);
    expect(clock.now()).toBe(10_000);
    let spins = 0;
    const spin = () => clock.setTimeout(() => (spins++, spin()), 0);
    spin();
    clock.advanceTo(10_001);
    expect(spins).toBe(50);
  });
});
