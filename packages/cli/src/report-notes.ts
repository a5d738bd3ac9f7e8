import type { DriftReport } from '@driftwatch/drift';
import { formatPercent } from './internal/format-number.js';

const shownCategoryLimit = 5;

/**
 * Data-quality lines worth reading next to a drift report: missing values, current values
 * outside the reference range, categories unseen in the reference, and skipped columns.
 *
 * @example
 * ```ts
 * import { compareDatasets } from '@driftwatch/drift';
 * import { reportNotes } from '@driftwatch/cli';
 * const report = compareDatasets({ x: [1, 2, null] }, { x: [1, 5, 6] });
 * reportNotes(report); // ['x: missing in 33.3% of reference rows, 0.0% of current rows', ...]
 * ```
 */
export function reportNotes(report: DriftReport): string[] {
  const notes: string[] = [];
  for (const column of report.columns) {
    const { missingRateReference, missingRateCurrent, outOfRangeShare, unseenCategories } = column.quality;
    if (missingRateReference > 0 || missingRateCurrent > 0) {
      notes.push(
        `${column.name}: missing in ${formatPercent(missingRateReference)} of reference rows, ${formatPercent(missingRateCurrent)} of current rows`,
      );
    }
    if (outOfRangeShare > 0) {
      notes.push(`${column.name}: ${formatPercent(outOfRangeShare)} of current values lie outside the reference range`);
    }
    if (unseenCategories.length > 0) {
      const shown = unseenCategories.slice(0, shownCategoryLimit).map((category) => JSON.stringify(category));
      const more = unseenCategories.length - shown.length;
      notes.push(
        `${column.name}: ${unseenCategories.length} categor${unseenCategories.length === 1 ? 'y' : 'ies'} not in reference: ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`,
      );
    }
  }
  for (const skipped of report.skipped ?? []) notes.push(`${skipped.name}: not compared, ${skipped.reason}`);
  return notes;
}
