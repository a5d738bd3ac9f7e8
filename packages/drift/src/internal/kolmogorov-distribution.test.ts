import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kolmogorovDistribution, smirnov, smirnovTermByTerm } from './kolmogorov-distribution.js';

const smallestNormal = 2.2250738585072014e-308;

/**
 * |actual − reference| ≤ 1e-10 · reference. Results below the smallest normal double carry fewer
 * than 16 significant bits in either implementation, so there the bound is 1e-10 of that number.
 */
function expectWithinTenDigits(actual: number, reference: number, label: string): void {
  const tolerance = 1e-10 * Math.max(reference, smallestNormal);
  expect(Math.abs(actual - reference), `${label}: ${actual} vs ${reference}`).toBeLessThanOrEqual(tolerance);
}

/** n·x² from 2.2 (where kolmogn starts calling smirnov for n > 140) to 354.2 (where smirnov underflows). */
function logSpacedNxSquared(count: number): number[] {
  return Array.from({ length: count }, (_, index) => 2.2 * (354.2 / 2.2) ** (index / (count - 1)));
}

describe('smirnov by quadrature (n ≥ 1000) against the term-by-term cephes sum', () => {
  // The term-by-term sum costs ~5 µs a term, so the grid is dense where it is cheap.
  const sizes = [1000, 1001, 1417, 2048, 4999, 10007];
  const cases = sizes.flatMap((n) => logSpacedNxSquared(25).map((nxSquared) => [n, Math.sqrt(nxSquared / n)] as const));

  it.each(cases)('n = %i, x = %d', (n, x) => {
    expectWithinTenDigits(smirnov(n, x), smirnovTermByTerm(n, x), `n=${n} x=${x}`);
  });

  it('agrees for x ≥ 0.5, which kolmogn sends to smirnov for any n, and does not underflow before n ≈ 1417', () => {
    for (const n of [1000, 1200, 1416]) {
      for (let x = 0.5; x < 0.85; x += 0.025) {
        expectWithinTenDigits(smirnov(n, x), smirnovTermByTerm(n, x), `n=${n} x=${x}`);
      }
    }
  });

  it('agrees just past the edges of the n·x² range, where the function returns early or underflows', () => {
    for (const n of [1000, 50000]) {
      for (const nxSquared of [0.5, 1, 2, 2.19, 354.1, 354.3, 370, 400]) {
        const x = Math.sqrt(nxSquared / n);
        expectWithinTenDigits(smirnov(n, x), smirnovTermByTerm(n, x), `n=${n} x=${x}`);
      }
    }
  });

  it('agrees at the sizes that made ksTest slow (each reference value takes ~1 s)', () => {
    // 500000 is the effective size of a million rows against a million rows.
    for (const [n, x] of [
      [100000, 0.006],
      [500000, 0.0021],
    ] as const) {
      expectWithinTenDigits(smirnov(n, x), smirnovTermByTerm(n, x), `n=${n} x=${x}`);
    }
  }, 60_000);

  it('agrees at random points', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 20000 }),
        fc.double({ min: 2.2, max: 354.2, noNaN: true }),
        (n, nxSquared) => {
          const x = Math.sqrt(nxSquared / n);
          expectWithinTenDigits(smirnov(n, x), smirnovTermByTerm(n, x), `n=${n} x=${x}`);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is the term-by-term sum itself below n = 1000 and above n = 10^6, where cephes approximates', () => {
    for (const n of [1, 2, 141, 999, 1000001, 5000000, 10000000]) {
      for (const nxSquared of [0.1, 2.2, 30, 300]) {
        const x = Math.min(1, Math.sqrt(nxSquared / n));
        expect(smirnov(n, x)).toBe(smirnovTermByTerm(n, x));
      }
    }
  });

  it('matches scipy.special.smirnov at large n', () => {
    // scipy 1.17.1, whose cephes smirnov sums every term.
    const points: [number, number, number][] = [
      [500000, 0.002, 0.018291201767145205],
      [500000, 0.0025, 0.0019272280106117721],
      [500000, 0.005, 1.3839958849548735e-11],
      [500000, 0.01, 3.6873178225417635e-44],
      [500000, 0.0265, 9.152700171279328e-306],
      [999999, 0.0015, 0.01109792915591424],
      [123457, 0.01, 1.877356868617234e-11],
      [1000, 0.06, 0.0007142989439764456],
      [1000, 0.55, 6.781496183956065e-285],
    ];
    for (const [n, x, expected] of points) expectWithinTenDigits(smirnov(n, x), expected, `n=${n} x=${x}`);
  });
});

describe('kolmogorovDistribution at large n', () => {
  it('matches scipy.stats.kstwo.sf on the 2·smirnov branch', () => {
    // scipy 1.17.1; _kolmogn is unchanged since 1.10.
    expectWithinTenDigits(kolmogorovDistribution(500000, 0.0025), 0.0038544560212235442, 'n=500000 x=0.0025');
    expectWithinTenDigits(kolmogorovDistribution(500000, 0.005), 2.767991769909747e-11, 'n=500000 x=0.005');
    expectWithinTenDigits(kolmogorovDistribution(500000, 0.0265), 1.8305400342558656e-305, 'n=500000 x=0.0265');
  });
});
