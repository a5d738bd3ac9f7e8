import type { ColumnDrift, DriftReport } from '@driftwatch/drift';
import { distributionChart } from './distribution-chart.js';
import { escapeHtml } from './internal/escape-html.js';
import { formatCount, formatPercent, formatPValue, formatStatistic } from './internal/format-number.js';

/** Options for {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  /** Label of the reference data, such as its file name. @default 'reference' */
  referenceLabel?: string;
  /** Label of the current data. @default 'current' */
  currentLabel?: string;
  /** Lines shown under the table. @default [] */
  notes?: readonly string[];
  /** When the report was made; shown in the header. @default undefined (not shown) */
  generatedAt?: Date;
}

/**
 * A drift report as one self-contained HTML page: the verdict, the table, notes, and a chart per
 * column comparing reference and current. Styles and SVG charts are inline and nothing is fetched,
 * so the file opens offline and can be mailed or archived as is. All data text is escaped.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { compareDatasets } from '@driftwatch/drift';
 * import { renderHtmlReport } from '@driftwatch/cli';
 * const report = compareDatasets({ x: [1, 2, 3, 4] }, { x: [5, 6, 7, 8] });
 * writeFileSync('report.html', renderHtmlReport(report, { referenceLabel: 'train.csv', currentLabel: 'today.csv' }));
 * ```
 */
export function renderHtmlReport(report: DriftReport, options: HtmlReportOptions = {}): string {
  const { referenceLabel = 'reference', currentLabel = 'current', notes = [], generatedAt } = options;
  const driftedCount = report.columns.filter((column) => column.drifted).length;
  const first = report.columns[0];
  const verdict = report.drifted ? 'Dataset drift' : 'No dataset drift';
  const rows = report.columns.map(tableRow).join('\n');
  const cards = report.columns.map(columnCard).join('\n');
  const noteItems = notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Drift report: ${currentLabel} against ${referenceLabel}`)}</title>
<style>${styles}</style>
</head>
<body>
<header>
<h1>Drift report</h1>
<p class="inputs"><span><b>reference</b> ${escapeHtml(referenceLabel)} · ${formatCount(report.rowCounts.reference)} rows</span><span><b>current</b> ${escapeHtml(currentLabel)} · ${formatCount(report.rowCounts.current)} rows</span>${
    generatedAt === undefined ? '' : `<span>generated ${escapeHtml(generatedAt.toISOString())}</span>`
  }</p>
</header>
<section class="summary">
<div class="tile verdict ${report.drifted ? 'bad' : 'good'}"><div class="big">${verdict}</div><div>share of drifted columns ${formatPercent(report.driftShare)}, threshold ${formatPercent(report.driftShareThreshold)}</div></div>
<div class="tile"><div class="big">${driftedCount} / ${report.columns.length}</div><div>columns drifted</div></div>
<div class="tile"><div class="big">${escapeHtml(first?.effectMetric ?? '')}</div><div>effect metric${first === undefined ? '' : `, moderate ≥ ${first.thresholds.moderate}, drift &gt; ${first.thresholds.drift}`}</div></div>
<div class="tile"><div class="big">α ${report.alpha}</div><div>${escapeHtml(report.correction)} correction</div></div>
</section>
<p class="rule">A column drifts when its corrected p-value is below α and its effect is at least moderate. The dataset drifts when the share of drifted columns reaches the threshold.</p>
<section>
<h2>Columns</h2>
<div class="scroll"><table>
<thead><tr><th>column</th><th>kind</th><th>test</th><th class="num">statistic</th><th class="num">p-value (adj)</th><th>effect</th><th>severity</th><th>drifted</th><th class="num">missing (reference / current)</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<p class="footnote">* kind inferred from the values.</p>
${noteItems === '' ? '' : `<h3>Notes</h3><ul class="notes">${noteItems}</ul>`}
</section>
<section>
<h2>Distributions</h2>
<p class="legend-note">Bars show each sample's share of its own rows, so samples of different sizes compare. Hover a bar for its figures.</p>
<div class="cards">
${cards}
</div>
</section>
<footer>Made by driftwatch. Self-contained: no scripts, fonts or images are loaded from anywhere.</footer>
</body>
</html>
`;
}

function tableRow(column: ColumnDrift): string {
  const kind = `${column.kind}${column.kindSource === 'inferred' ? '*' : ''}`;
  return `<tr class="${column.drifted ? 'drifted' : ''}"><td><a href="#column-${anchorOf(column.name)}">${escapeHtml(column.name)}</a></td><td title="${escapeHtml(column.kindReason)}">${escapeHtml(kind)}</td><td title="${escapeHtml(column.testReason)}">${escapeHtml(column.test)}</td><td class="num">${formatStatistic(column.statistic)}</td><td class="num">${formatPValue(column.pValueAdjusted)}</td><td>${escapeHtml(column.effectMetric)} ${formatStatistic(column.effect)}</td><td>${badge(column)}</td><td>${column.drifted ? '<b>yes</b>' : 'no'}</td><td class="num">${formatPercent(column.quality.missingRateReference)} / ${formatPercent(column.quality.missingRateCurrent)}</td></tr>`;
}

function columnCard(column: ColumnDrift): string {
  return `<article class="card" id="column-${anchorOf(column.name)}">
<h3>${escapeHtml(column.name)} ${badge(column)}</h3>
<p class="meta">${escapeHtml(column.kind)} · ${escapeHtml(column.test)} ${formatStatistic(column.statistic)} · p (adj) ${formatPValue(column.pValueAdjusted)} · ${escapeHtml(column.effectMetric)} ${formatStatistic(column.effect)}</p>
${distributionChart(column.name, column.distribution)}
</article>`;
}

function badge(column: ColumnDrift): string {
  return `<span class="badge ${column.severity}">${escapeHtml(column.severity)}</span>`;
}

/** An id fragment: escaping keeps any column name safe inside the attribute. */
function anchorOf(name: string): string {
  return escapeHtml(encodeURIComponent(name));
}

const styles = `
:root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f7f8fa;--good:#2f855a;--warn:#b7791f;--bad:#c53030}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1200px;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
h1{margin:0 0 4px;font-size:26px}h2{margin:28px 0 10px;font-size:19px}h3{margin:0 0 4px;font-size:15px}
.inputs{display:flex;flex-wrap:wrap;gap:18px;color:var(--muted);margin:0}
.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:12px;margin-top:18px}
.tile{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px;color:var(--muted)}
.tile .big{font-size:21px;font-weight:650;color:var(--ink)}
.verdict.bad{border-left:6px solid var(--bad)}.verdict.bad .big{color:var(--bad)}
.verdict.good{border-left:6px solid var(--good)}.verdict.good .big{color:var(--good)}
.rule,.footnote,.legend-note{color:var(--muted)}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);border-radius:8px}
th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
th{font-weight:600;color:var(--muted);background:#fbfcfd}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.drifted td{background:#fff5f5}
a{color:inherit}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;vertical-align:middle}
.badge.stable{background:#e6f4ea;color:var(--good)}.badge.moderate{background:#fdf3dc;color:var(--warn)}.badge.drift{background:#fde2e2;color:var(--bad)}
.notes{color:var(--ink);padding-left:20px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:14px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.meta{margin:0 0 8px;color:var(--muted);font-size:12.5px}
svg.chart{width:100%;height:auto;font-size:11px;fill:var(--muted)}
svg.chart .axis{stroke:#cbd2d9}
svg.chart text.value{font-size:10px}
footer{margin-top:30px;color:var(--muted);font-size:12px}
@media (max-width:600px){.cards{grid-template-columns:1fr}}
`;
