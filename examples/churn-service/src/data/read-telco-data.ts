import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the real IBM Telco Customer Churn files are expected: `../shared/data/telco-churn/`
 * beside the checkout. They are never copied into the repository; only the fitted parameters are.
 *
 * @example
 * ```ts
 * if (telcoDataAvailable()) console.log(`reading ${telcoDataDirectory}`);
 * ```
 */
export const telcoDataDirectory = fileURLToPath(new URL('../../../../../shared/data/telco-churn/', import.meta.url));

/**
 * Whether `telco.csv` and `split-seed42.json` are present in the directory.
 *
 * @example
 * ```ts
 * describe.skipIf(!telcoDataAvailable())('needs the real data', () => {});
 * ```
 */
export function telcoDataAvailable(directory: string = telcoDataDirectory): boolean {
  return existsSync(`${directory}/telco.csv`) && existsSync(`${directory}/split-seed42.json`);
}

/** The real data: every cell as the CSV string, plus the stratified 80/20 split of the Python anchors. */
export interface TelcoData {
  /** The 7,043 rows, keyed by the header; `TotalCharges` keeps its 11 blanks (`' '`). */
  rows: Array<Record<string, string>>;
  /** The header, in file order. */
  columns: string[];
  /** 0-based row indices of the split (5,634 train, 1,409 test). */
  split: { train: number[]; test: number[] };
  /** The raw file, for hashing. */
  text: string;
}

/**
 * Reads `telco.csv` and `split-seed42.json`. The file needs no quoting (no field holds a comma).
 *
 * @example
 * ```ts
 * const { rows, split } = readTelcoData();
 * const testRows = split.test.map((index) => rows[index]!);
 * ```
 */
export function readTelcoData(directory: string = telcoDataDirectory): TelcoData {
  const text = readFileSync(`${directory}/telco.csv`, 'utf8');
  const lines = text.replace(/\r/g, '').trimEnd().split('\n');
  const columns = lines[0]!.split(',');
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']));
  });
  const split = JSON.parse(readFileSync(`${directory}/split-seed42.json`, 'utf8')) as { train: number[]; test: number[] };
  return { rows, columns, split: { train: split.train, test: split.test }, text };
}
