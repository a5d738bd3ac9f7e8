import type { DashboardPage } from './dashboard-pages.js';
import { dashboardPages } from './dashboard-pages.js';
import { escapeHtml } from './escape-html.js';

/** What the HTML shell of a page needs. */
export interface PageShell {
  page: DashboardPage;
  title: string;
  /** The public path of the dashboard's root, ending with `/`. */
  baseHref: string;
  models: readonly string[];
  model: string | undefined;
  rangeSeconds: number;
  refreshMillis: number;
  guardEnabled: boolean;
  canRetrain: boolean;
  hasRegistry: boolean;
}

const ranges: ReadonlyArray<[number, string]> = [
  [3600, 'Last hour'],
  [6 * 3600, 'Last 6 hours'],
  [86_400, 'Last 24 hours'],
  [7 * 86_400, 'Last 7 days'],
  [30 * 86_400, 'Last 30 days'],
];

const section = (title: string, body: string, extraClass = '') => `<section class="panel ${extraClass}"><h2>${escapeHtml(title)}</h2>${body}</section>`;
const chart = (id: string, label: string) => `<div class="chart" id="${id}" role="img" aria-label="${escapeHtml(label)}"></div>`;
const table = (id: string, headers: readonly string[]) =>
  `<div class="table-wrap"><table id="${id}"><thead><tr>${headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')}</tr></thead><tbody></tbody></table></div>`;
const cards = (id: string) => `<div class="cards" id="${id}"></div>`;
const note = (id: string) => `<p class="note" id="${id}" hidden></p>`;

/** The static skeleton of each page; its script fills the charts, tables and cards with data from `api/…`. */
const pageBodies: Readonly<Record<DashboardPage['name'], (shell: PageShell) => string>> = {
  overview: () =>
    cards('overview-cards') +
    `<div class="grid">` +
    section('Request volume (requests per minute)', chart('chart-volume', 'Requests per minute over time')) +
    section('Latency (ms)', chart('chart-latency', 'Latency p50, p95 and p99 over time')) +
    section('Error rate', chart('chart-error-rate', 'Error rate over time')) +
    section('Current alerts', table('table-current-alerts', ['Severity', 'Alert', 'Since', 'Alerts'])) +
    `</div>` +
    section('Latest checks needing attention', table('table-issues', ['Severity', 'Check', 'Subject', 'Value', 'Summary'])),
  drift: () =>
    note('drift-note') +
    section('Drift of each feature (latest check)', table('table-drift', ['Feature', 'Test', 'Statistic', 'p-value', 'PSI', 'n', 'Severity', 'Moved most'])) +
    section('Drift over time (PSI)', chart('chart-drift-over-time', 'PSI of each feature over time')) +
    section('Training vs production', `<p class="hint" id="distribution-caption"></p><div class="small-multiples" id="distributions"></div>`),
  predictions: () =>
    note('predictions-note') +
    `<div class="grid">` +
    section('Score quantiles over time', chart('chart-score-quantiles', 'Prediction score quantiles over time')) +
    section('Predicted labels over time (share)', chart('chart-label-shares', 'Share of each predicted label over time')) +
    section('Prediction drift (PSI)', chart('chart-prediction-drift', 'PSI of the prediction score and label over time')) +
    section('Prediction volume (per minute)', chart('chart-prediction-count', 'Predictions per minute over time')) +
    `</div>` +
    section('Training vs production', `<p class="hint" id="distribution-caption"></p><div class="small-multiples" id="distributions"></div>`),
  performance: () =>
    note('performance-note') +
    cards('performance-cards') +
    `<div class="grid">` +
    section('Metrics over time', chart('chart-performance', 'Accuracy, precision, recall, F1 and AUC over time')) +
    section('Label coverage', chart('chart-label-coverage', 'Share of predictions with an outcome over time')) +
    section('Confusion matrix (latest check)', `<div id="confusion-matrix"></div>`) +
    section('ROC curve', `<p class="hint" id="roc-caption"></p>${chart('chart-roc', 'ROC curve')}`) +
    `</div>`,
  champion: (shell) =>
    (shell.hasRegistry ? '' : `<p class="note">No registry is configured: pass <code>registry</code> to <code>createDashboard</code>.</p>`) +
    cards('champion-cards') +
    `<div class="grid">` +
    section('Production metrics side by side', table('table-side-by-side', ['Metric', 'Champion', 'Challenger', 'Difference'])) +
    section('Accuracy and AUC by version', chart('chart-arms', 'Accuracy and AUC of champion and challenger over time')) +
    `</div>` +
    section(
      'Rollback',
      `<p id="rollback-text" class="hint"></p><div class="actions"><button type="button" id="rollback" class="danger" disabled>Roll back</button>` +
        `<button type="button" id="rollback-confirm" class="danger" hidden>Confirm rollback</button>` +
        `<button type="button" id="rollback-cancel" hidden>Cancel</button></div><p id="rollback-status" role="status"></p>`,
    ) +
    section('Alias history', table('table-alias-history', ['When', 'Alias', 'From', 'To', 'Actor', 'Reason'])),
  alerts: () =>
    cards('alert-cards') +
    section('Current status', table('table-incidents', ['Status', 'Severity', 'Alert', 'First', 'Last', 'Alerts'])) +
    section('History', table('table-alert-history', ['When', 'Status', 'Severity', 'Alert', 'Test', 'Statistic', 'Threshold', 'Deliveries'])),
  logs: () =>
    section(
      'Recent predictions',
      `<label class="inline"><input type="checkbox" id="errors-only"> Errors only</label>` +
        table('table-predictions', ['Time', 'Id', 'Version', 'Label', 'Score', 'Latency (ms)', 'Status', 'Features']),
    ) +
    section('Data quality (latest check)', table('table-data-quality', ['Feature', 'Severity', 'Missing', 'Missing (baseline)', 'Out of range', 'Unseen categories', 'Rows'])) +
    section('Data-quality issues', `<p class="hint" id="data-quality-caption"></p>${table('table-data-quality-issues', ['When', 'Feature', 'Severity', 'Summary'])}`),
  retraining: (shell) =>
    section(
      'Retrain',
      `<div class="actions"><button type="button" id="retrain" class="primary"${shell.canRetrain ? '' : ' disabled'}>Retrain now</button></div>` +
        `<p id="retrain-status" role="status">${shell.canRetrain ? '' : 'Retraining is not configured: pass <code>retrain</code> or <code>onRetrain</code> to <code>createDashboard</code>.'}</p>`,
    ) +
    section('Newest run', `<p class="hint" id="run-caption"></p><ol class="steps" id="retraining-steps"></ol>`) +
    section('Recent runs', table('table-runs', ['Started', 'Status', 'Outcome', 'Trigger', 'Ended', 'Error'])),
};

/**
 * Renders the HTML shell of a page: header, navigation, the page's empty charts and tables, and
 * the scripts (uPlot, the shared `dashboard.js`, the page's own script). Every piece of text is
 * escaped; nothing is inline, so the Content-Security-Policy can forbid inline scripts and styles.
 *
 * @example
 * ```ts
 * import { dashboardPages } from './dashboard-pages.js';
 * import { renderPage } from './render-page.js';
 * const html = renderPage({ page: dashboardPages[0], title: 'Driftwatch', baseHref: '/driftwatch/', models: ['churn'], model: 'churn',
 *   rangeSeconds: 86_400, refreshMillis: 5000, guardEnabled: false, canRetrain: true, hasRegistry: true });
 * ```
 */
export function renderPage(shell: PageShell): string {
  const { page, model } = shell;
  const query = (extra: Record<string, string> = {}) => {
    const parameters = new URLSearchParams();
    if (model !== undefined) parameters.set('model', model);
    parameters.set('range', String(shell.rangeSeconds));
    for (const [key, value] of Object.entries(extra)) parameters.set(key, value);
    return `?${parameters.toString()}`;
  };
  const navigation = dashboardPages
    .map(
      (entry) =>
        `<a href="./${entry.path}${escapeHtml(query())}"${entry.name === page.name ? ' aria-current="page"' : ''}>${escapeHtml(entry.title)}</a>`,
    )
    .join('');
  const modelOptions = shell.models
    .map((name) => `<option value="${escapeHtml(name)}"${name === model ? ' selected' : ''}>${escapeHtml(name)}</option>`)
    .join('');
  const rangeOptions = ranges
    .map(([seconds, label]) => `<option value="${seconds}"${seconds === shell.rangeSeconds ? ' selected' : ''}>${escapeHtml(label)}</option>`)
    .join('');
  const body =
    model === undefined
      ? `<p class="note">No model has logged predictions yet. Log some with <code>createPredictionLogger</code>, or pass <code>models</code> to <code>createDashboard</code>.</p>`
      : pageBodies[page.name](shell);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(page.title)}${model === undefined ? '' : ` · ${escapeHtml(model)}`} · ${escapeHtml(shell.title)}</title>
<base href="${escapeHtml(shell.baseHref)}">
<link rel="stylesheet" href="assets/uPlot.min.css">
<link rel="stylesheet" href="assets/dashboard.css">
<script src="assets/uPlot.iife.min.js" defer></script>
<script src="assets/dashboard.js" defer></script>
<script src="assets/pages/${page.name}.js" defer></script>
</head>
<body data-page="${page.name}" data-model="${escapeHtml(model ?? '')}" data-range="${shell.rangeSeconds}" data-refresh-millis="${shell.refreshMillis}">
<header class="top">
<a class="brand" href="./${escapeHtml(query())}">${escapeHtml(shell.title)}</a>
<form class="controls" method="get" action="./${page.path}">
<label>Model <select name="model" id="model-select">${modelOptions}</select></label>
<label>Range <select name="range" id="range-select">${rangeOptions}</select></label>
<noscript><button type="submit">Show</button></noscript>
</form>
<span class="live" id="live-status" role="status" aria-live="polite">Loading…</span>
${shell.guardEnabled ? `<form method="post" action="logout" class="logout"><button type="submit">Sign out</button></form>` : ''}
</header>
<nav class="tabs" aria-label="Pages">${navigation}</nav>
<main id="main">
<h1>${escapeHtml(page.title)}${model === undefined ? '' : ` <span class="model-name">${escapeHtml(model)}</span>`}</h1>
${body}
</main>
</body>
</html>
`;
}
