// Feature drift: the PSI/KS/chi-squared table, drift over time, training vs production.
(function () {
  'use strict';
  var D = window.Driftwatch;
  var f = D.format;

  D.startPage(async function () {
    var data = await D.getJson('drift');
    D.showNote('drift-note', data.rows.length ? '' : 'No feature-drift check in this range yet: run a Monitor (createMonitor) with a baseline.');
    D.fillTable('table-drift', data.rows.map(function (row) {
      var moved = row.topBins.map(function (bin) { return bin.bin + ' ' + f.percent(bin.referenceShare, 0) + ' → ' + f.percent(bin.currentShare, 0); }).join(', ');
      return {
        class: 'row-' + row.severity,
        cells: [
          row.subject,
          row.test || '—',
          { value: f.number(row.statistic), class: 'number' },
          { value: f.pValue(row.pValue), class: 'number', title: 'raw ' + f.pValue(row.rawPValue) },
          { value: f.number(row.effect), class: 'number' },
          { value: f.number(row.n), class: 'number' },
          D.severityBadge(row.severity),
          moved || '—',
        ],
      };
    }), 'No drift check yet.');
    D.timeChart('chart-drift-over-time', data.overTime, { format: f.number });
    D.renderDistributions(data.comparison);
  });
})();
