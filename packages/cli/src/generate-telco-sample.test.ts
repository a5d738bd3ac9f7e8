import { describe, expect, it } from 'vitest';
import { generateTelcoSample, telcoSampleColumns } from './generate-telco-sample.js';

function parse(lines: string[]) {
  const header = lines[0]!.trimEnd().split(',');
  return lines.slice(1).map((line) => Object.fromEntries(line.trimEnd().split(',').map((value, index) => [header[index], value])));
}

describe('generateTelcoSample', () => {
  it('is deterministic for a seed and has the documented columns', () => {
    const first = [...generateTelcoSample({ rows: 500, seed: 3 })];
    expect([...generateTelcoSample({ rows: 500, seed: 3 })]).toEqual(first);
    expect([...generateTelcoSample({ rows: 500, seed: 4 })]).not.toEqual(first);
    expect(first[0]).toBe(`${telcoSampleColumns.join(',')}\n`);
    expect(first).toHaveLength(501);
  });

  it('leaves TotalCharges blank for about 0.2% of customers, exactly those with tenure 0', () => {
    const rows = parse([...generateTelcoSample({ rows: 50_000, seed: 1 })]);
    const blank = rows.filter((row) => row.TotalCharges!.trim() === '');
    expect(blank.length / rows.length).toBeGreaterThan(0.001);
    expect(blank.length / rows.length).toBeLessThan(0.003);
    expect(blank.every((row) => row.tenure === '0')).toBe(true);
    expect(rows.filter((row) => row.tenure === '0')).toHaveLength(blank.length);
  });

  it('raises MonthlyCharges by about 15% and favours month-to-month contracts in the sudden scenario', () => {
    const mean = (rows: Array<Record<string, string | undefined>>) => rows.reduce((sum, row) => sum + Number(row.MonthlyCharges), 0) / rows.length;
    const share = (rows: Array<Record<string, string | undefined>>) => rows.filter((row) => row.Contract === 'Month-to-month').length / rows.length;
    const none = parse([...generateTelcoSample({ rows: 20_000, seed: 9 })]);
    const sudden = parse([...generateTelcoSample({ rows: 20_000, seed: 9, scenario: 'sudden' })]);
    expect(mean(sudden) / mean(none)).toBeGreaterThan(1.12);
    expect(mean(sudden) / mean(none)).toBeLessThan(1.18);
    expect(share(none)).toBeCloseTo(0.55, 1);
    expect(share(sudden)).toBeGreaterThan(0.8);
  });
});
