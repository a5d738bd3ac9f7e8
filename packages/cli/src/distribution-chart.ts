import type { ColumnDistribution } from '@driftwatch/drift';
import { escapeHtml } from './internal/escape-html.js';
import { formatStatistic } from './internal/format-number.js';

/** Colours of the two samples in every chart. */
export const chartColors = { reference: '#4c78a8', current: '#f58518' } as const;

const width = 640;
const labelWidth = 170;

/**
 * An inline SVG chart of one column's distribution, reference against current, as shares of
 * each sample so that samples of different sizes compare: overlaid histogram bars for a numeric
 * column, paired horizontal bars for a categorical one. All text is escaped; the SVG has no
 * external references.
 *
 * @example
 * ```ts
 * import { distributionChart } from '@driftwatch/cli';
 * const svg = distributionChart('Contract', {
 *   kind: 'categorical',
 *   categories: ['Month-to-month', 'Two year'],
 *   referenceCounts: [55, 45],
 *   currentCounts: [80, 20],
 * });
 * ```
 */
export function distributionChart(name: string, distribution: ColumnDistribution): string {
  return distribution.kind === 'numeric' ? numericChart(name, distribution) : categoricalChart(name, distribution);
}

function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => (total > 0 ? count / total : 0));
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function numericChart(name: string, distribution: Extract<ColumnDistribution, { kind: 'numeric' }>): string {
  const height = 220;
  const left = 48;
  const right = 12;
  const top = 12;
  const bottom = 36;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const reference = shares(distribution.referenceCounts);
  const current = shares(distribution.currentCounts);
  const maximum = Math.max(...reference, ...current, 1e-9);
  const binWidth = plotWidth / Math.max(reference.length, 1);
  const y = (share: number) => top + plotHeight - (share / maximum) * plotHeight;
  const bars: string[] = [];
  for (let index = 0; index < reference.length; index++) {
    const low = formatStatistic(distribution.edges[index]!);
    const high = formatStatistic(distribution.edges[index + 1]!);
    const tooltip = escapeHtml(`${low} to ${high}: reference ${percent(reference[index]!)}, current ${percent(current[index]!)}`);
    const x = (left + index * binWidth + 0.5).toFixed(1);
    const barWidth = Math.max(binWidth - 1, 1).toFixed(1);
    for (const [role, share] of [['reference', reference[index]!], ['current', current[index]!]] as const) {
      bars.push(
        `<rect x="${x}" y="${y(share).toFixed(1)}" width="${barWidth}" height="${(top + plotHeight - y(share)).toFixed(1)}" fill="${chartColors[role]}" fill-opacity="0.55"><title>${tooltip}</title></rect>`,
      );
    }
  }
  const edges = distribution.edges;
  const ticks = [0, Math.floor((edges.length - 1) / 2), edges.length - 1].map((index) => {
    const x = left + index * binWidth;
    const anchor = index === 0 ? 'start' : index === edges.length - 1 ? 'end' : 'middle';
    return `<text x="${x.toFixed(1)}" y="${height - bottom + 16}" text-anchor="${anchor}">${escapeHtml(formatStatistic(edges[index]!))}</text>`;
  });
  return [
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`Histogram of ${name}, reference against current`)}">`,
    `<line x1="${left}" y1="${top + plotHeight}" x2="${width - right}" y2="${top + plotHeight}" class="axis"/>`,
    `<text x="${left - 6}" y="${top + 4}" text-anchor="end">${percent(maximum)}</text>`,
    `<text x="${left - 6}" y="${top + plotHeight}" text-anchor="end">0%</text>`,
    ...bars,
    ...ticks,
    legend(width - right - 190, height - 8),
    '</svg>',
  ].join('');
}

function categoricalChart(name: string, distribution: Extract<ColumnDistribution, { kind: 'categorical' }>): string {
  const rowHeight = 26;
  const top = 8;
  const bottom = 28;
  const right = 56;
  const height = top + distribution.categories.length * rowHeight + bottom;
  const plotWidth = width - labelWidth - right;
  const reference = shares(distribution.referenceCounts);
  const current = shares(distribution.currentCounts);
  const maximum = Math.max(...reference, ...current, 1e-9);
  const rows = distribution.categories.map((category, index) => {
    const rowTop = top + index * rowHeight;
    const label = category.length > 24 ? `${category.slice(0, 23)}…` : category;
    const parts = [
      `<text x="${labelWidth - 8}" y="${rowTop + 15}" text-anchor="end"><title>${escapeHtml(category)}</title>${escapeHtml(label)}</text>`,
    ];
    for (const [offset, role, share] of [[3, 'reference', reference[index]!], [13, 'current', current[index]!]] as const) {
      const barWidth = (share / maximum) * plotWidth;
      parts.push(
        `<rect x="${labelWidth}" y="${rowTop + offset}" width="${Math.max(barWidth, share > 0 ? 1 : 0).toFixed(1)}" height="9" fill="${chartColors[role]}"><title>${escapeHtml(`${category}: ${role} ${percent(share)}`)}</title></rect>`,
        `<text x="${(labelWidth + barWidth + 4).toFixed(1)}" y="${rowTop + offset + 8}" class="value">${percent(share)}</text>`,
      );
    }
    return parts.join('');
  });
  return [
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`Category shares of ${name}, reference against current`)}">`,
    `<line x1="${labelWidth}" y1="${top}" x2="${labelWidth}" y2="${height - bottom}" class="axis"/>`,
    ...rows,
    legend(width - right - 190 + 56, height - 8),
    '</svg>',
  ].join('');
}

function legend(x: number, y: number): string {
  return [
    `<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${chartColors.reference}"/>`,
    `<text x="${x + 14}" y="${y}">reference</text>`,
    `<rect x="${x + 96}" y="${y - 9}" width="10" height="10" fill="${chartColors.current}"/>`,
    `<text x="${x + 110}" y="${y}">current</text>`,
  ].join('');
}
