import { describe, expect, it } from 'vitest';
import { fittedTelcoParameters as parameters } from './fitted-telco-parameters.js';
import { generateTelcoCustomers } from './generate-telco-customers.js';
import { addOnServices, contracts } from './telco-categories.js';
import { telcoFeatureColumns } from './telco-customer.js';

const rows = generateTelcoCustomers({ count: 20_000, seed: 7 });
const share = (test: (row: (typeof rows)[number]) => boolean, subset = rows) => subset.filter(test).length / subset.length;

describe('generateTelcoCustomers', () => {
  it('has the 19 features of the real data plus customerID and Churn', () => {
    expect(Object.keys(rows[0]!).sort()).toEqual([...telcoFeatureColumns, 'customerID', 'Churn'].sort());
    expect(rows[0]!.customerID).toMatch(/^\d{4}-[A-Z]{5}$/);
  });

  it('churns at the real rate, 26.5 % ± 1.5 points on 20k rows', () => {
    expect(parameters.observed.churnRate).toBeCloseTo(0.2654, 3);
    expect(Math.abs(share((row) => row.Churn === 'Yes') - parameters.observed.churnRate)).toBeLessThan(0.015);
  });

  it('matches the fitted contract shares and the real tenure means by contract', () => {
    for (const contract of contracts) {
      const subset = rows.filter((row) => row.Contract === contract);
      expect(Math.abs(subset.length / rows.length - parameters.contractShares[contract]), contract).toBeLessThan(0.01);
      const tenureMean = subset.reduce((sum, row) => sum + row.tenure, 0) / subset.length;
      expect(Math.abs(tenureMean - parameters.observed.tenureMeanByContract[contract]), contract).toBeLessThan(1.5);
    }
  });

  it('keeps the real churn gradient by contract (month-to-month ≈ 43 %, two-year ≈ 3 %)', () => {
    const churnBy = (contract: string) => share((row) => row.Churn === 'Yes', rows.filter((row) => row.Contract === contract));
    expect(churnBy('Month-to-month')).toBeGreaterThan(0.38);
    expect(churnBy('Month-to-month')).toBeLessThan(0.48);
    expect(churnBy('Two year')).toBeLessThan(0.06);
  });

  it('prices like the real data and leaves TotalCharges blank exactly at tenure 0', () => {
    const monthlyMean = rows.reduce((sum, row) => sum + row.MonthlyCharges, 0) / rows.length;
    expect(Math.abs(monthlyMean - parameters.observed.monthlyChargesMean)).toBeLessThan(1.5);
    const { minimum, maximum } = parameters.monthlyCharges;
    expect(rows.filter((row) => row.MonthlyCharges < minimum || row.MonthlyCharges > maximum)).toEqual([]);
    expect(rows.filter((row) => (row.TotalCharges === ' ') !== (row.tenure === 0))).toEqual([]);
    expect(rows.filter((row) => row.tenure === 1 && row.TotalCharges !== row.MonthlyCharges)).toEqual([]);
    expect(share((row) => row.TotalCharges === ' ')).toBeLessThan(0.005);
  });

  it('respects the structural levels: no phone, no internet', () => {
    expect(rows.filter((row) => (row.MultipleLines === 'No phone service') !== (row.PhoneService === 'No'))).toEqual([]);
    for (const addOn of addOnServices) {
      expect(rows.filter((row) => (row[addOn] === 'No internet service') !== (row.InternetService === 'No')), addOn).toEqual([]);
    }
    // As in the real data, only DSL customers go without phone service.
    expect(rows.filter((row) => row.InternetService !== 'DSL' && row.PhoneService === 'No')).toEqual([]);
  });

  it('is deterministic by seed', () => {
    expect(generateTelcoCustomers({ count: 200, seed: 7 })).toEqual(rows.slice(0, 200));
    expect(generateTelcoCustomers({ count: 200, seed: 8 })).not.toEqual(rows.slice(0, 200));
  });
});
