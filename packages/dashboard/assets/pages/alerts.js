// Alerts: current status per incident and the history.
(function () {
  'use strict';
  var D = window.Driftwatch;
  var f = D.format;

  D.startPage(async function () {
    var data = await D.getJson('alerts');
    D.fillCards('alert-cards', [
      { label: 'Firing', value: String(data.counts.firing), severity: data.counts.critical ? 'CRITICAL' : data.counts.warning ? 'WARNING' : data.counts.firing ? 'INFO' : 'OK' },
      { label: 'Critical', value: String(data.counts.critical), severity: data.counts.critical ? 'CRITICAL' : null },
      { label: 'Warning', value: String(data.counts.warning), severity: data.counts.warning ? 'WARNING' : null },
      { label: 'Info', value: String(data.counts.info) },
    ]);
    var current = data.current.concat(data.incidents.filter(function (incident) {
      return !data.current.some(function (open) { return open.dedupeKey === incident.dedupeKey; });
    }));
    D.fillTable('table-incidents', current.map(function (incident) {
      return {
        class: incident.status === 'firing' ? 'row-' + incident.severity : null,
        cells: [D.statusBadge(incident.status), D.severityBadge(incident.severity), incident.title, f.time(incident.firstAt), f.time(incident.lastAt), { value: String(incident.alertCount), class: 'number' }],
      };
    }), 'No alert in this range.');
    D.fillTable('table-alert-history', data.history.map(function (alert) {
      var deliveries = alert.deliveries.map(function (delivery) { return delivery.sink + (delivery.ok ? ' ✓' : ' ✗'); }).join(', ');
      return [f.time(alert.createdAt), D.statusBadge(alert.status), D.severityBadge(alert.severity), { value: alert.title, title: alert.message }, alert.test, { value: f.number(alert.statistic), class: 'number' }, { value: f.number(alert.threshold), class: 'number' }, deliveries || '—'];
    }), 'No alert in this range.');
  });
})();
