// Performance: metrics over time, label coverage, confusion matrix and ROC curve.
(function () {
  'use strict';
  var D = window.Driftwatch;
  var f = D.format;
  var element = D.element;
  var metricLabels = { accuracy: 'Accuracy', precision: 'Precision', recall: 'Recall', f1: 'F1', auc: 'AUC' };

  function renderMatrix(matrix) {
    var container = D.clear(D.byId('confusion-matrix'));
    if (!matrix) {
      container.appendChild(element('p', { class: 'hint' }, 'No confusion matrix yet: it needs binary labels and outcomes.'));
      return;
    }
    var positive = matrix.positiveLabel === null ? 'positive' : String(matrix.positiveLabel);
    var negative = matrix.negativeLabel === null ? 'negative' : String(matrix.negativeLabel);
    container.appendChild(element('table', { class: 'matrix', id: 'confusion-matrix-table' },
      element('thead', null, element('tr', null, element('th'), element('th', { scope: 'col' }, 'Predicted ' + positive), element('th', { scope: 'col' }, 'Predicted ' + negative))),
      element('tbody', null,
        element('tr', null, element('th', { scope: 'row' }, 'Actual ' + positive), element('td', { class: 'cell correct' }, f.number(matrix.truePositive)), element('td', { class: 'cell wrong' }, f.number(matrix.falseNegative))),
        element('tr', null, element('th', { scope: 'row' }, 'Actual ' + negative), element('td', { class: 'cell wrong' }, f.number(matrix.falsePositive)), element('td', { class: 'cell correct' }, f.number(matrix.trueNegative))))));
  }

  async function loadRoc() {
    var roc = await D.getJson('performance/roc');
    var caption = D.byId('roc-caption');
    if (!roc.available) {
      caption.textContent = roc.note || 'No ROC curve yet.';
      D.xyChart('chart-roc', [], [], { emptyText: roc.note || 'No ROC curve yet.' });
      return;
    }
    caption.textContent = 'AUC ' + f.number(roc.auc) + ' · ' + (roc.source === 'check' ? 'from the latest performance check' : roc.labelledCount + ' labelled predictions of ' + f.time(roc.windowStart) + ' – ' + f.time(roc.windowEnd));
    D.xyChart('chart-roc', roc.falsePositiveRate, [
      { label: 'True positive rate', values: roc.truePositiveRate },
      { label: 'Chance', values: roc.falsePositiveRate, color: '#999', width: 1, dash: [4, 4] },
    ]);
  }

  D.startPage(async function () {
    var data = await D.getJson('performance');
    D.showNote('performance-note', data.hasLabels ? '' : 'No outcomes have arrived yet: performance appears once labels are logged (POST /outcomes or store.writeOutcomes).');
    var cards = Object.keys(metricLabels).map(function (name) {
      var metric = data.latest[name];
      return {
        label: metricLabels[name],
        value: metric ? f.number(metric.value, 3) : '—',
        severity: metric ? metric.severity : null,
        sub: metric && metric.baselineValue !== null ? 'baseline ' + f.number(metric.baselineValue, 3) : null,
      };
    });
    cards.push({
      label: 'Label coverage',
      value: data.coverage ? f.percent(data.coverage.value) : '—',
      sub: data.coverage ? f.number(data.coverage.labelledCount) + ' of ' + f.number(data.coverage.predictionCount) + ' labelled' : null,
    });
    D.fillCards('performance-cards', cards);
    D.timeChart('chart-performance', data.overTime, { names: Object.keys(metricLabels), labels: metricLabels, format: function (value) { return f.number(value, 2); }, emptyText: 'No performance check in this range yet.' });
    D.timeChart('chart-label-coverage', data.coverageOverTime, { labels: { 'label-coverage': 'Label coverage' }, format: function (value) { return f.percent(value, 1); }, tickFormat: function (value) { return f.percent(value, 0); } });
    renderMatrix(data.confusionMatrix);
    await loadRoc();
  });
})();
