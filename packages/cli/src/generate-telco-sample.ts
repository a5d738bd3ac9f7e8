import { DriftwatchError } from '@driftwatch/drift';
import { createSeededRandom, type SeededRandom } from './internal/seeded-random.js';

/** Drift scenarios {@link generateTelcoSample} can apply. */
export const sampleScenarios = ['none', 'sudden'] as const;
/** A drift scenario: `none` draws from the reference distribution, `sudden` shifts prices and contracts. */
export type SampleScenario = (typeof sampleScenarios)[number];

/** Columns of the synthetic data, in file order. */
export const telcoSampleColumns = [
  'customerID',
  'gender',
  'SeniorCitizen',
  'Partner',
  'tenure',
  'Contract',
  'PaymentMethod',
  'MonthlyCharges',
  'TotalCharges',
] as const;

/** Options for {@link generateTelcoSample}. */
export interface TelcoSampleOptions {
  /** Data rows, header excluded. @default 5000 */
  rows?: number;
  /** Seed of the random source; the same seed gives the same file. @default 42 */
  seed?: number;
  /** Shift to apply. @default 'none' */
  scenario?: SampleScenario;
}

const contracts = ['Month-to-month', 'One year', 'Two year'] as const;
const paymentMethods = ['Electronic check', 'Mailed check', 'Bank transfer (automatic)', 'Credit card (automatic)'] as const;
/** Payment method weights by contract: month-to-month customers mostly pay by electronic check. */
const paymentWeights: Record<(typeof contracts)[number], readonly number[]> = {
  'Month-to-month': [0.65, 0.19, 0.08, 0.08],
  'One year': [0.14, 0.22, 0.32, 0.32],
  'Two year': [0.08, 0.24, 0.34, 0.34],
};
const internetServices = ['Fiber optic', 'DSL', 'No'] as const;
const customerIdLetters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Lines of a CSV file of synthetic telecom customers, header first, modelled loosely on the
 * public Telco churn data: contract drives tenure and payment method, internet service drives
 * the monthly charge, and customers in their first month (about 0.2%) have a blank `TotalCharges`.
 * `customerID` is an identifier to exclude. The `sudden` scenario raises `MonthlyCharges` by
 * about 15% and moves contracts toward month-to-month. Lines end with `\n`.
 *
 * @example
 * ```ts
 * import { generateTelcoSample } from '@driftwatch/cli';
 * const lines = [...generateTelcoSample({ rows: 3, seed: 7 })];
 * lines[0]; // 'customerID,gender,SeniorCitizen,Partner,tenure,Contract,PaymentMethod,MonthlyCharges,TotalCharges\n'
 * ```
 */
export function* generateTelcoSample(options: TelcoSampleOptions = {}): Generator<string> {
  const { rows = 5000, seed = 42, scenario = 'none' } = options;
  if (!Number.isInteger(rows) || rows < 0) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `rows must be a non-negative integer, got ${rows}` });
  }
  const random = createSeededRandom(seed);
  const sudden = scenario === 'sudden';
  const contractWeights = sudden ? [0.85, 0.09, 0.06] : [0.55, 0.21, 0.24];
  const priceFactor = sudden ? 1.15 : 1;
  yield `${telcoSampleColumns.join(',')}\n`;
  for (let row = 0; row < rows; row++) {
    const contract = contracts[random.pick(contractWeights)]!;
    const tenure = random.next() < 0.002 ? 0 : tenureFor(contract, random);
    const internet = internetServices[random.pick([0.44, 0.34, 0.22])]!;
    const base = internet === 'Fiber optic' ? 88 + 10 * random.normal() : internet === 'DSL' ? 57 + 9 * random.normal() : 21 + 1.5 * random.normal();
    const phone = random.next() < 0.9 ? 5 : 0;
    const previousMonthly = Math.min(Math.max(base + phone, 18.25), 118.75);
    const monthly = previousMonthly * priceFactor;
    // Past bills were at the old price and wander a little around it; only the latest month pays
    // the new one. Customers in their first month have no total yet, as in the public data.
    const total =
      tenure === 0 ? ' ' : ((tenure - 1) * previousMonthly * (0.97 + 0.06 * random.next()) + monthly).toFixed(2);
    const fields = [
      customerId(random),
      random.next() < 0.5 ? 'Female' : 'Male',
      random.next() < 0.16 ? '1' : '0',
      random.next() < 0.48 ? 'Yes' : 'No',
      String(tenure),
      contract,
      paymentMethods[random.pick(paymentWeights[contract])]!,
      monthly.toFixed(2),
      total,
    ];
    yield `${fields.join(',')}\n`;
  }
}

function tenureFor(contract: (typeof contracts)[number], random: SeededRandom): number {
  // Month-to-month customers are mostly new; two-year customers mostly long-standing.
  const months =
    contract === 'Month-to-month'
      ? -Math.log(1 - random.next()) * 16 + 1
      : contract === 'One year'
        ? 12 + random.next() * 60
        : 72 - Math.abs(random.normal()) * 16;
  return Math.min(Math.max(Math.round(months), 1), 72);
}

function customerId(random: SeededRandom): string {
  let letters = '';
  for (let index = 0; index < 5; index++) letters += customerIdLetters[Math.floor(random.next() * 26)];
  return `${String(Math.floor(random.next() * 10000)).padStart(4, '0')}-${letters}`;
}
