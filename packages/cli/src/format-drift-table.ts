import type { ColumnDrift, DriftReport, DriftSeverity } from '@driftwatch/drift';
import { formatCount, formatPercent, formatPValue, formatStatistic } from './internal/format-number.js';

/** Options for {@link formatDriftTable}. */
export interface DriftTableOptions {
  /** Label of the reference data, such as its file name. @default 'reference' */
  referenceLabel?: string;
  /** Label of the current data. @default 'current' */
  currentLabel?: string;
  /** Lines printed under the table, after the footnote on inferred kinds. @default [] */
  notes?: readonly string[];
  /** Colour severities and the verdict with ANSI escapes; only for terminals. @default false */
  color?: boolean;
}

const ansi = { red: '\u001b[31m', yellow: '\u001b[33m', green: '\u001b[32m', bold: '\u001b[1m', reset: '\u001b[0m' };
const severityColor: Record<DriftSeverity, string> = { stable: ansi.green, moderate: ansi.yellow, drift: ansi.red };

interface Cell {
  text: string;
  align: 'left' | 'right';
  color?: string;
}

/**
 * A drift report as an aligned plain-text table: one row per column (kind, test, statistic,
 * adjusted p-value, effect, severity, drifted), then the verdict and the notes. Inferred kinds
 * carry a `*`.
 *
 * @example
 * ```ts
 * import { compareDatasets } from '@driftwatch/drift';
 * import { formatDriftTable } from '@driftwatch/cli';
 * const report = compareDatasets({ x: [1, 2, 3, 4] }, { x: [5, 6, 7, 8] });
 * process.stdout.write(formatDriftTable(report, { referenceLabel: 'week 1', currentLabel: 'week 2' }));
 * ```
 */
export function formatDriftTable(report: DriftReport, options: DriftTableOptions = {}): string {
  const { referenceLabel = 'reference', currentLabel = 'current', notes = [], color = false } = options;
  const paint = (text: string, code: string | undefined) => (color && code !== undefined ? `${code}${text}${ansi.reset}` : text);

  const header: Cell[] = ['column', 'kind', 'test', 'statistic', 'p-value (adj)', 'effect', 'severity', 'drifted'].map((text, index) => ({
    text,
    align: index >= 3 && index <= 4 ? 'right' : 'left',
  }));
  const rows = report.columns.map((column) => rowOf(column));
  const widths = header.map((cell, index) => Math.max(cell.text.length, ...rows.map((row) => row[index]!.text.length)));
  const renderRow = (cells: Cell[]) =>
    cells
      .map((cell, index) => {
        const padding = ' '.repeat(widths[index]! - cell.text.length);
        const text = paint(cell.text, cell.color);
        return cell.align === 'right' ? padding + text : index === cells.length - 1 ? text : text + padding;
      })
      .join('  ');

  const drifted = report.columns.filter((column) => column.drifted).length;
  const anyInferred = report.columns.some((column) => column.kindSource === 'inferred');
  const first = report.columns[0];
  const lines = [
    `reference: ${referenceLabel} (${formatCount(report.rowCounts.reference)} rows)   current: ${currentLabel} (${formatCount(report.rowCounts.current)} rows)`,
    '',
    renderRow(header),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(renderRow),
    '',
    `${drifted} of ${report.columns.length} columns drifted (${formatPercent(report.driftShare)}, threshold ${formatPercent(report.driftShareThreshold)}): ${
      report.drifted ? paint('DATASET DRIFT', color ? ansi.bold + ansi.red : undefined) : paint('no dataset drift', ansi.green)
    }`,
  ];
  if (first !== undefined) {
    lines.push(
      `p-values adjusted with ${report.correction}, alpha ${report.alpha}; a column drifts when significant and its ${first.effectMetric} reaches the moderate band (${first.thresholds.moderate}; drift above ${first.thresholds.drift}).`,
    );
  }
  const footnotes = [...(anyInferred ? ['* kind inferred from the values; declare it with --numeric or --categorical'] : []), ...notes];
  if (footnotes.length > 0) lines.push('', 'notes:', ...footnotes.map((note) => `  ${note}`));
  return `${lines.join('\n')}\n`;
}

function rowOf(column: ColumnDrift): Cell[] {
  return [
    { text: column.name, align: 'left' },
    { text: column.kindSource === 'inferred' ? `${column.kind}*` : column.kind, align: 'left' },
    { text: column.test, align: 'left' },
    { text: formatStatistic(column.statistic), align: 'right' },
    { text: formatPValue(column.pValueAdjusted), align: 'right' },
    { text: `${column.effectMetric} ${formatStatistic(column.effect)}`, align: 'left' },
    { text: column.severity, align: 'left', color: severityColor[column.severity] },
    { text: column.drifted ? 'yes' : 'no', align: 'left', color: column.drifted ? ansi.red : undefined },
  ];
}
