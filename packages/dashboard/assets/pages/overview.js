// Overview: model status, current alerts, request volume, latency and error rate.
(function () {
  'use strict';
  var D = window.Driftwatch;
  var f = D.format;

  function headline(point, format) {
    return point ? format(point.value) : '—';
  }

  D.startPage(async function () {
    var data = await D.getJson('overview');
    var latest = data.latest;
    var traffic = (data.traffic || []).map(function (entry) { return entry.alias + ' ' + f.percent(entry.share, 0); }).join(' · ');
    var loudest = data.currentAlerts.reduce(function (worst, incident) {
      var rank = { INFO: 1, WARNING: 2, CRITICAL: 3 };
      return (rank[incident.severity] || 0) > (rank[worst] || 0) ? incident.severity : worst;
    }, 'OK');
    D.fillCards('overview-cards', [
      { label: 'Status', value: data.status, severity: data.status === 'UNKNOWN' ? null : data.status, sub: data.lastCheckedAt ? 'checked ' + f.time(data.lastCheckedAt) : 'no check has run yet' },
      { label: 'Requests / min', value: headline(latest['requests-per-minute'], f.number) },
      { label: 'Error rate', value: headline(latest['error-rate'], function (value) { return f.percent(value, 2); }), severity: latest['error-rate'] && latest['error-rate'].severity },
      { label: 'Latency p50', value: headline(latest.p50, f.milliseconds), severity: latest.p50 && latest.p50.severity },
      { label: 'Latency p95', value: headline(latest.p95, f.milliseconds), severity: latest.p95 && latest.p95.severity },
      { label: 'Latency p99', value: headline(latest.p99, f.milliseconds), severity: latest.p99 && latest.p99.severity },
      { label: 'Champion', value: data.champion === null ? '—' : 'v' + data.champion, sub: (data.challenger === null ? 'no challenger' : 'challenger v' + data.challenger) + (traffic ? ' · ' + traffic : '') },
      { label: 'Open alerts', value: String(data.currentAlerts.length), severity: loudest },
      { label: 'Retraining', value: data.retraining ? data.retraining.status : '—', sub: data.retraining ? (data.retraining.outcome || '') + ' ' + f.time(data.retraining.startedAt) : 'no run yet' },
    ]);
    D.timeChart('chart-volume', data.volume, { labels: { 'requests-per-minute': 'Requests / min' } });
    D.timeChart('chart-latency', data.latency, { format: f.milliseconds, tickFormat: function (value) { return f.tick(value) + ' ms'; }, colors: { p50: '#2b8a3e', p95: '#f59f00', p99: '#c92a2a' } });
    D.timeChart('chart-error-rate', data.errorRate, { labels: { 'error-rate': 'Error rate' }, colors: { 'error-rate': '#c92a2a' }, format: function (value) { return f.percent(value, 2); }, tickFormat: function (value) { return f.percent(value, 1); } });
    D.fillTable('table-current-alerts', data.currentAlerts.map(function (incident) {
      return { class: 'row-' + incident.severity, cells: [D.severityBadge(incident.severity), incident.title, f.time(incident.firstAt), { value: String(incident.alertCount), class: 'number' }] };
    }), 'No alert is firing.');
    D.fillTable('table-issues', data.issues.map(function (issue) {
      return [D.severityBadge(issue.severity), issue.kind + (issue.modelVersion ? ' · v' + issue.modelVersion : '') + (issue.segment ? ' · ' + issue.segment : ''), issue.subject, { value: f.number(issue.value), class: 'number' }, issue.summary];
    }), 'Every check of the latest run is OK.');
  });
})();
