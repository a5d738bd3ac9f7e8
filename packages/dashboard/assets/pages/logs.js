// Logs: recent predictions (one bounded read) and data-quality issues.
(function () {
  'use strict';
  var D = window.Driftwatch;
  var f = D.format;
  var errorsOnly = D.byId('errors-only');

  function percentOrDash(value) { return value === null ? '—' : f.percent(value, 1); }

  function qualityRow(item) {
    return {
      class: 'row-' + item.severity,
      cells: [item.subject, D.severityBadge(item.severity), { value: percentOrDash(item.missingRate), class: 'number' }, { value: percentOrDash(item.missingRateReference), class: 'number' },
        { value: percentOrDash(item.outOfRangeShare), class: 'number' }, item.unseenCategories.length ? percentOrDash(item.unseenCategoryShare) + ' (' + item.unseenCategories.join(', ') + ')' : percentOrDash(item.unseenCategoryShare),
        { value: f.number(item.rowCount), class: 'number' }],
    };
  }

  D.startPage(async function () {
    var data = await D.getJson('logs', errorsOnly && errorsOnly.checked ? { errors: 1 } : undefined);
    D.fillTable('table-predictions', data.predictions.map(function (prediction) {
      return {
        class: prediction.status === 'error' ? 'row-CRITICAL' : null,
        cells: [
          f.time(prediction.timestamp),
          { value: prediction.id, class: 'mono' },
          prediction.modelVersion + (prediction.segment ? ' / ' + prediction.segment : ''),
          prediction.label === null ? '—' : String(prediction.label),
          { value: f.number(prediction.score), class: 'number' },
          { value: f.number(prediction.latencyMillis), class: 'number' },
          prediction.status === 'error' ? { value: 'error: ' + (prediction.errorMessage || ''), class: 'error' } : prediction.cacheHit ? 'ok (cached)' : 'ok',
          { value: prediction.features, class: 'mono' },
        ],
      };
    }), 'No prediction in this range.');
    D.fillTable('table-data-quality', data.dataQuality.map(qualityRow), 'No data-quality check in this range yet.');
    D.byId('data-quality-caption').textContent = data.dataQualitySampled
      ? 'The last 30 minutes in full, older check runs sampled; the alerts page lists every incident.'
      : '';
    D.fillTable('table-data-quality-issues', data.dataQualityIssues.map(function (item) {
      return { class: 'row-' + item.severity, cells: [f.time(item.checkedAt), item.subject, D.severityBadge(item.severity), item.summary] };
    }), 'No data-quality issue in this range.');
  });
  if (errorsOnly) errorsOnly.addEventListener('change', function () { D.refresh(); });
})();
