// Small synthetic tables with a known signal, for tests that must not depend on ../shared.
import type { TabularRow } from '../tabular-row.js';
import { createRandom } from './random.js';

/**
 * Rows whose label depends on `signal` (numeric) and `plan` (categorical), with a noise column,
 * an occasional blank in `charges`, and label noise so that no learner is perfect.
 */
export function syntheticRows(count: number, seed = 1): TabularRow[] {
  const random = createRandom(seed, 99);
  const plans = ['basic', 'plus', 'pro'];
  const rows: TabularRow[] = [];
  for (let index = 0; index < count; index++) {
    const signal = random.nextFloat() * 10;
    const plan = plans[random.nextInt(3)]!;
    const noise = random.nextFloat();
    const score = signal - 5 + (plan === 'pro' ? 2 : plan === 'basic' ? -2 : 0) + (random.nextFloat() - 0.5) * 4;
    rows.push({
      signal: signal.toFixed(3),
      plan,
      noise,
      charges: random.nextInt(20) === 0 ? ' ' : (signal * 3 + noise).toFixed(2),
      label: score > 0 ? 'Yes' : 'No',
    });
  }
  return rows;
}

/** Rows split perfectly by `x > 0.5` with a margin (x avoids 0.4–0.6), plus an irrelevant categorical column. */
export function separableRows(count: number, seed = 2): TabularRow[] {
  const random = createRandom(seed, 7);
  return Array.from({ length: count }, (_, index) => {
    const draw = random.nextFloat();
    const x = draw < 0.5 ? draw * 0.8 : 0.6 + (draw - 0.5) * 0.8;
    return { x, color: index % 2 === 0 ? 'red' : 'blue', label: x > 0.5 ? 1 : 0 };
  });
}
