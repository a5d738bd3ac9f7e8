// End-to-end tests of the built `driftwatch` binary, run as a child process on small files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareDatasets, type DriftReport } from '@driftwatch/drift';
import { binPath, ensureBuilt } from './internal/built-binary.test-helper.js';

let directory: string;

function run(args: readonly string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: directory,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A small deterministic random source, independent of the code under test. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

interface Rows {
  id: string[];
  age: number[];
  plan: string[];
  /** Text as written to the CSV: some blank or whitespace-only. */
  TotalCharges: string[];
}

function makeRows(count: number, seed: number, shift: { age: number; pro: number }): Rows {
  const random = lcg(seed);
  const rows: Rows = { id: [], age: [], plan: [], TotalCharges: [] };
  for (let index = 0; index < count; index++) {
    rows.id.push(`C-${seed}-${index}`);
    rows.age.push(Math.round(30 + shift.age + (random() + random() + random() - 1.5) * 20));
    const draw = random();
    rows.plan.push(draw < 0.5 - shift.pro ? 'basic' : draw < 0.85 ? 'pro' : 'enterprise');
    rows.TotalCharges.push(index % 50 === 0 ? (index % 100 === 0 ? ' ' : '') : (random() * 2000).toFixed(2));
  }
  return rows;
}

function writeCsv(name: string, rows: Rows): string {
  const lines = ['id,age,plan,TotalCharges'];
  for (let index = 0; index < rows.id.length; index++) {
    lines.push([rows.id[index], rows.age[index], rows.plan[index], rows.TotalCharges[index]].join(','));
  }
  writeFileSync(join(directory, name), `${lines.join('\n')}\n`);
  return name;
}

function writeJsonl(name: string, rows: Rows): string {
  const lines = rows.id.map((id, index) => {
    const total = rows.TotalCharges[index]!.trim();
    // Missing totals appear both as null and as an absent key.
    const record: Record<string, unknown> = { id, age: rows.age[index], plan: rows.plan[index] };
    if (total !== '') record.TotalCharges = Number(total);
    else if (index % 100 === 0) record.TotalCharges = null;
    return JSON.stringify(record);
  });
  writeFileSync(join(directory, name), `${lines.join('\n')}\n`);
  return name;
}

/** The columns the CLI should hand to compareDatasets for these rows, built independently. */
function columnsOf(rows: Rows) {
  return {
    id: rows.id,
    age: Float64Array.from(rows.age),
    plan: rows.plan,
    TotalCharges: Float64Array.from(rows.TotalCharges, (text) => (text.trim() === '' ? Number.NaN : Number(text))),
  };
}

const referenceRows = makeRows(400, 1, { age: 0, pro: 0 });
const stableRows = makeRows(400, 2, { age: 0, pro: 0 });
const driftedRows = makeRows(400, 3, { age: 12, pro: 0.3 });

beforeAll(() => {
  ensureBuilt();
  directory = mkdtempSync(join(tmpdir(), 'driftwatch-cli-'));
  writeCsv('reference.csv', referenceRows);
  writeCsv('stable.csv', stableRows);
  writeCsv('drifted.csv', driftedRows);
  writeJsonl('reference.jsonl', referenceRows);
  writeJsonl('drifted.jsonl', driftedRows);
});

afterAll(() => {
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
});

describe('driftwatch --help and --version', () => {
  it('prints help for the command and for drift, and the package version', () => {
    const main = run(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toContain('driftwatch drift <reference> <current>');
    const drift = run(['drift', '--help']);
    expect(drift.code).toBe(0);
    expect(drift.stdout).toContain('--categorical');
    expect(drift.stdout).toContain('Exit codes');
    const version = run(['--version']);
    const manifest = JSON.parse(readFileSync(join(binPath, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(version).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
  });
});

describe('driftwatch drift, table output', () => {
  it('prints one aligned row per column with inferred kinds marked, and exits 0 without dataset drift', () => {
    const result = run(['drift', 'reference.csv', 'stable.csv', '--exclude', 'id']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const header = lines.find((line) => line.startsWith('column'))!;
    expect(header).toMatch(/column\s+kind\s+test\s+statistic\s+p-value \(adj\)\s+effect\s+severity\s+drifted/);
    const row = (name: string) => lines.find((line) => line.startsWith(`${name} `))!;
    expect(row('age')).toMatch(/^age\s+numeric\*\s+ks\s/);
    expect(row('plan')).toMatch(/^plan\s+categorical\*\s+chi-squared\s/);
    expect(row('TotalCharges')).toMatch(/numeric\*/);
    expect(lines.some((line) => line.startsWith('id '))).toBe(false);
    // Aligned: the kind column starts at the same offset in every row.
    const kindOffsets = ['age', 'plan', 'TotalCharges'].map((name) => row(name).search(/(numeric|categorical)\*/));
    expect(new Set(kindOffsets).size).toBe(1);
    expect(result.stdout).toMatch(/0 of 3 columns drifted \(0\.0%, threshold 50\.0%\): no dataset drift/);
    expect(result.stdout).toContain('* kind inferred from the values');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('exits 1 and says DATASET DRIFT when most columns drifted', () => {
    const result = run(['drift', 'reference.csv', 'drifted.csv', '--exclude', 'id']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/[23] of 3 columns drifted .*: DATASET DRIFT/);
    expect(result.stdout).toMatch(/^age\s.*\syes$/m);
  });

  it('marks declared kinds without the asterisk', () => {
    const result = run(['drift', 'reference.csv', 'stable.csv', '--exclude', 'id', '--categorical', 'age']);
    expect(result.stdout).toMatch(/^age\s+categorical\s+chi-squared/m);
  });

  it('says in a note when the files disagree on a kind, and compares the column as categorical', () => {
    writeFileSync(join(directory, 'kind-a.csv'), 'code,value\n1,1\n2,2\n3,3\n1,4\n');
    writeFileSync(join(directory, 'kind-b.csv'), 'code,value\n1,1\nx9,2\n3,3\n2,4\n');
    const result = run(['drift', 'kind-a.csv', 'kind-b.csv']);
    expect(result.code).toBeLessThan(2);
    expect(result.stdout).toMatch(/^code\s+categorical\*\s+chi-squared/m);
    expect(result.stdout).toContain('code: numeric in reference but categorical in current (first non-numeric value "x9" at row 2); compared as categorical in both');
  });
});

describe('driftwatch drift --json', () => {
  it('prints exactly the DriftReport, with the numbers compareDatasets gives in-process', () => {
    const result = run(['drift', 'reference.csv', 'drifted.csv', '--exclude', 'id', '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as DriftReport;
    expect(Object.keys(report).sort()).toEqual(
      ['alpha', 'columns', 'correction', 'driftShare', 'driftShareThreshold', 'drifted', 'rowCounts', 'skipped'].sort(),
    );
    expect(report.columns.map((column) => column.name)).toEqual(['age', 'plan', 'TotalCharges']);
    for (const column of report.columns) {
      expect(column).toHaveProperty('kind');
      expect(column).toHaveProperty('test');
      expect(column).toHaveProperty('statistic');
      expect(column).toHaveProperty('pValue');
      expect(column).toHaveProperty('effect');
      expect(column).toHaveProperty('severity');
      expect(column).toHaveProperty('drifted');
    }
    const expected = compareDatasets(columnsOf(referenceRows), columnsOf(driftedRows), { exclude: ['id'] });
    expect(report).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('counts blank and whitespace-only TotalCharges as missing in a numeric column', () => {
    const report = JSON.parse(run(['drift', 'reference.csv', 'stable.csv', '--exclude', 'id', '--json']).stdout) as DriftReport;
    const total = report.columns.find((column) => column.name === 'TotalCharges')!;
    expect(total.kind).toBe('numeric');
    expect(total.quality.missingRateReference).toBeCloseTo(8 / 400, 12);
    expect(total.referenceCount).toBe(392);
  });

  it('reads JSON Lines and gives the same report as the equivalent CSV', () => {
    const fromJsonl = JSON.parse(run(['drift', 'reference.jsonl', 'drifted.jsonl', '--exclude', 'id', '--json']).stdout) as DriftReport;
    const fromCsv = JSON.parse(run(['drift', 'reference.csv', 'drifted.csv', '--exclude', 'id', '--json']).stdout) as DriftReport;
    expect(fromJsonl.columns).toEqual(fromCsv.columns);
  });

  it('sniffs JSON Lines in a file without a known extension, and mixes formats', () => {
    writeFileSync(join(directory, 'current.log'), readFileSync(join(directory, 'drifted.jsonl')));
    const result = run(['drift', 'reference.csv', 'current.log', '--exclude', 'id', '--json']);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as DriftReport).columns).toHaveLength(3);
  });

  it('gives the same report when reading in one thread (DRIFTWATCH_THREADS=1)', () => {
    const parallel = run(['drift', 'reference.csv', 'drifted.csv', '--json']);
    const serial = run(['drift', 'reference.csv', 'drifted.csv', '--json'], { DRIFTWATCH_THREADS: '1' });
    expect(serial.stdout).toBe(parallel.stdout);
  });

  it('keeps stdout pure JSON: progress and messages go to stderr only', () => {
    const result = run(['drift', 'reference.csv', 'stable.csv', '--exclude', 'id', '--json', '--html', 'quiet.html']);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stdout).not.toContain('driftwatch:');
    expect(result.stderr).toContain('driftwatch: wrote quiet.html');
  });
});

describe('driftwatch drift --html', () => {
  it('writes one self-contained file with the summary, the table and a chart per column', () => {
    const result = run(['drift', 'reference.csv', 'drifted.csv', '--exclude', 'id', '--html', 'report.html']);
    expect(result.code).toBe(1);
    const path = join(directory, 'report.html');
    expect(existsSync(path)).toBe(true);
    const html = readFileSync(path, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Dataset drift');
    expect(html.match(/<svg class="chart"/g)).toHaveLength(3);
    expect(html.match(/<tr class="[^"]*"><td>/g)).toHaveLength(3);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
  });

  it('escapes column names and categories', () => {
    writeFileSync(join(directory, 'evil-a.csv'), '"<b>x&y</b>",plan\n1,"<script>alert(1)</script>"\n2,a\n3,a\n');
    writeFileSync(join(directory, 'evil-b.csv'), '"<b>x&y</b>",plan\n4,"<script>alert(1)</script>"\n5,b\n6,a\n');
    const result = run(['drift', 'evil-a.csv', 'evil-b.csv', '--html', 'evil.html']);
    expect(result.code).toBeLessThan(2);
    const html = readFileSync(join(directory, 'evil.html'), 'utf8');
    expect(html).not.toContain('<b>x&y</b>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;b&gt;x&amp;y&lt;/b&gt;');
  });
});

describe('driftwatch exit code 2', () => {
  const expectOneLineError = (result: ReturnType<typeof run>, pattern: RegExp) => {
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^driftwatch: [^\n]+\n$/);
    expect(result.stderr).toMatch(pattern);
  };

  it('for a missing file', () => expectOneLineError(run(['drift', 'reference.csv', 'nope.csv']), /no such file: nope\.csv/));

  it('for an unknown column', () =>
    expectOneLineError(run(['drift', 'reference.csv', 'stable.csv', '--exclude', 'customerID']), /Unknown column: customerID/));

  it('for an unknown column in JSON Lines, found after reading', () =>
    expectOneLineError(run(['drift', 'reference.jsonl', 'drifted.jsonl', '--numeric', 'ghost']), /Unknown column: ghost/));

  it('for an empty input', () => {
    writeFileSync(join(directory, 'header-only.csv'), 'id,age,plan,TotalCharges\n');
    writeFileSync(join(directory, 'empty.csv'), '');
    expectOneLineError(run(['drift', 'reference.csv', 'header-only.csv']), /current file header-only\.csv has no data rows/);
    expectOneLineError(run(['drift', 'empty.csv', 'stable.csv']), /reference file empty\.csv has no data rows/);
  });

  it('for an unknown flag, a bad value and a wrong number of files', () => {
    expectOneLineError(run(['drift', 'reference.csv', 'stable.csv', '--bogus']), /Unknown option '--bogus'/);
    expectOneLineError(run(['drift', 'reference.csv', 'stable.csv', '--alpha', 'high']), /--alpha needs a number/);
    expectOneLineError(run(['drift', 'reference.csv']), /drift takes two files/);
    expectOneLineError(run(['frobnicate']), /unknown command "frobnicate"/);
  });

  it('for malformed CSV and JSON Lines, naming the line', () => {
    writeFileSync(join(directory, 'ragged.csv'), 'a,b\n1,2\n3\n');
    writeFileSync(join(directory, 'broken.jsonl'), '{"a":1}\n{"a":\n');
    expectOneLineError(run(['drift', 'reference.csv', 'ragged.csv']), /cannot parse ragged\.csv as CSV: .*line 3/);
    expectOneLineError(run(['drift', 'broken.jsonl', 'reference.jsonl']), /broken\.jsonl line 2/);
  });
});

describe('driftwatch sample', () => {
  it('writes the same Telco-like files for the same seed, with blank TotalCharges for new customers', () => {
    expect(run(['sample', 'sample-a', '--rows', '3000', '--seed', '7']).code).toBe(0);
    expect(run(['sample', 'sample-b', '--rows', '3000', '--seed', '7']).code).toBe(0);
    const reference = readFileSync(join(directory, 'sample-a', 'reference.csv'), 'utf8');
    expect(readFileSync(join(directory, 'sample-b', 'reference.csv'), 'utf8')).toBe(reference);
    const lines = reference.trimEnd().split('\n');
    expect(lines[0]).toBe('customerID,gender,SeniorCitizen,Partner,tenure,Contract,PaymentMethod,MonthlyCharges,TotalCharges');
    expect(lines).toHaveLength(3001);
    const blank = lines.slice(1).filter((line) => line.endsWith(', '));
    expect(blank.length).toBeGreaterThan(0);
    expect(blank.every((line) => line.split(',')[4] === '0')).toBe(true);
  });

  it('gives data that drifts only in the sudden scenario', () => {
    run(['sample', 'none', '--scenario', 'none']);
    run(['sample', 'sudden', '--scenario', 'sudden']);
    expect(run(['drift', 'none/reference.csv', 'none/current.csv', '--exclude', 'customerID']).code).toBe(0);
    const sudden = run(['drift', 'sudden/reference.csv', 'sudden/current.csv', '--exclude', 'customerID', '--json']);
    expect(sudden.code).toBe(1);
    const drifted = (JSON.parse(sudden.stdout) as DriftReport).columns.filter((column) => column.drifted).map((column) => column.name);
    expect(drifted).toEqual(expect.arrayContaining(['MonthlyCharges', 'Contract']));
  });

  it('rejects a bad scenario with exit code 2', () => {
    const result = run(['sample', 'x', '--scenario', 'gradual']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^driftwatch: --scenario must be one of none, sudden/);
  });
});
