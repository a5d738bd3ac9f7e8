import { describe, expect, it } from 'vitest';
import { createFakeClock } from './fake-clock.js';

describe('createFakeClock', () => {
  it('fires timers in due order, reading each due time from now()', () => {
    const clock = createFakeClock({ startMillis: 1000 });
    const fired: Array<[string, number]> = [];
    clock.setTimeout(() => fired.push(['b', clock.now()]), 200);
    clock.setTimeout(() => fired.push(['a', clock.now()]), 100);
    clock.setTimeout(() => fired.push(['c', clock.now()]), 200);
    clock.advance(150);
    expect(fired).toEqual([['a', 1100]]);
    expect(clock.now()).toBe(1150);
    clock.advanceTo(1200);
    expect(fired.map(([name]) => name)).toEqual(['a', 'b', 'c']);
    clock.advanceTo(0); // never backwards
    expect(clock.now()).toBe(1200);
  });

  it('repeats intervals, fires timers scheduled while advancing, and cancels', () => {
    const clock = createFakeClock();
    const ticks: number[] = [];
    const handle = clock.setInterval(() => {
      ticks.push(clock.now());
      if (ticks.length === 1) clock.setTimeout(() => ticks.push(-clock.now()), 50);
    }, 100);
    clock.advance(300);
    expect(ticks).toEqual([100, -150, 200, 300]);
    handle.cancel();
    clock.advance(1000);
    expect(ticks).toHaveLength(4);
    expect(clock.pendingTimerCount).toBe(0);
  });

  it('runAllTimers runs one-shot timers to exhaustion and catches self-rescheduling ones', () => {
    const clock = createFakeClock();
    let count = 0;
    clock.setInterval(() => count++, 10);
    clock.setTimeout(() => clock.setTimeout(() => undefined, 100), 100);
    clock.runAllTimers();
    expect(clock.now()).toBe(200);
    expect(count).toBe(20);
    const loop = () => void clock.setTimeout(loop, 1);
    loop();
    expect(() => clock.runAllTimers(50)).toThrow(/reschedules itself/);
  });

  it('advanceAsync lets async work started by a timer settle before the next one', async () => {
    const clock = createFakeClock();
    const order: string[] = [];
    clock.setTimeout(async () => {
      order.push('first');
      await Promise.resolve();
      await new Promise((resolve) => setImmediate(resolve));
      order.push('first settled');
    }, 10);
    clock.setTimeout(() => order.push('second'), 20);
    await clock.advanceAsync(20);
    expect(order).toEqual(['first', 'first settled', 'second']);
  });
});
