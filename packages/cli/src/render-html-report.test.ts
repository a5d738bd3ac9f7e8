import { describe, expect, it } from 'vitest';
import { compareDatasets } from '@driftwatch/drift';
import { formatDriftTable } from './format-drift-table.js';
import { renderHtmlReport } from './render-html-report.js';

const reference = { amount: Float64Array.from({ length: 200 }, (_, index) => index % 50), plan: Array.from({ length: 200 }, (_, index) => (index % 3 ? 'a' : 'b')) };
const current = { amount: Float64Array.from({ length: 200 }, (_, index) => (index % 50) + 20), plan: Array.from({ length: 200 }, (_, index) => (index % 2 ? 'a' : '<c>')) };
const report = compareDatasets(reference, current);

describe('renderHtmlReport', () => {
  it('is one self-contained page with a chart per column and the notes, all text escaped', () => {
    const html = renderHtmlReport(report, { referenceLabel: 'train & test.csv', currentLabel: 'today.csv', notes: ['a <note>'], generatedAt: new Date(0) });
    expect(html.match(/<svg class="chart"/g)).toHaveLength(2);
    expect(html).toContain('train &amp; test.csv');
    expect(html).toContain('&lt;c&gt;');
    expect(html).toContain('<li>a &lt;note&gt;</li>');
    expect(html).not.toContain('<c>');
    expect(html).toContain('1970-01-01T00:00:00.000Z');
    expect(html).not.toMatch(/https?:\/\/|<script|<link/i);
  });
});

describe('formatDriftTable', () => {
  it('uses ANSI colour only when asked', () => {
    expect(formatDriftTable(report)).not.toContain('\u001b[');
    expect(formatDriftTable(report, { color: true })).toContain('\u001b[');
  });

  it('lists each column once, then the verdict', () => {
    const table = formatDriftTable(report, { notes: ['note one'] });
    expect(table.match(/^amount\s/m)).toHaveLength(1);
    expect(table).toMatch(/of 2 columns drifted/);
    expect(table).toContain('  note one');
  });
});
