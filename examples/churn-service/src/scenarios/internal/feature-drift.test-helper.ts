// Shared by the scenario tests: compare the 19 features of two samples with drift's defaults.
import { compareDatasets, type ColumnDrift, type DriftReport } from '@driftwatch/drift';
import type { LabelledTelcoCustomer } from '../../data/telco-customer.js';

/** The features only; SeniorCitizen is 0/1 but a category. */
export function compareFeatures(reference: readonly LabelledTelcoCustomer[], current: readonly LabelledTelcoCustomer[]): DriftReport {
  return compareDatasets(reference, current, { exclude: ['customerID', 'Churn'], categorical: ['SeniorCitizen'] });
}

/** Names of the drifted feature columns. */
export function driftedColumns(reference: readonly LabelledTelcoCustomer[], current: readonly LabelledTelcoCustomer[]): string[] {
  return compareFeatures(reference, current)
    .columns.filter((column) => column.drifted)
    .map((column) => column.name);
}

/** One column of the comparison. */
export function columnDrift(report: DriftReport, name: string): ColumnDrift {
  const column = report.columns.find((candidate) => candidate.name === name);
  if (column === undefined) throw new Error(`No column ${name} in the report.`);
  return column;
}

/** Share of rows with Churn 'Yes'. */
export function churnRate(rows: readonly LabelledTelcoCustomer[]): number {
  return rows.filter((row) => row.Churn === 'Yes').length / rows.length;
}
