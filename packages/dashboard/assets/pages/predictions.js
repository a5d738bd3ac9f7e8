// Prediction distribution over time: score quantiles, label shares, prediction drift.
(function () {
  'use strict';
  var D = window.Driftwatch;
  var f = D.format;

  D.startPage(async function () {
    var data = await D.getJson('predictions');
    var hasScores = data.scoreOverTime.time.length > 0;
    D.showNote('predictions-note', hasScores ? '' : 'No window profiles with predictions in this range yet.');
    D.timeChart('chart-score-quantiles', data.scoreOverTime, {
      names: ['p10', 'p25', 'p50', 'p75', 'p90', 'mean'],
      colors: { p10: '#a5b4fc', p25: '#6d83f2', p50: '#2f6fdd', p75: '#6d83f2', p90: '#a5b4fc', mean: '#e8590c' },
      emptyText: 'No prediction scores in this range.',
    });
    D.timeChart('chart-label-shares', data.labelsOverTime, { format: function (value) { return f.percent(value, 1); }, tickFormat: function (value) { return f.percent(value, 0); }, yRange: [0, 1], emptyText: 'No predicted labels in this range.' });
    D.timeChart('chart-prediction-drift', data.driftOverTime, { emptyText: 'No prediction-drift check in this range yet.' });
    D.timeChart('chart-prediction-count', data.rateOverTime, { labels: { 'predictions-per-minute': 'Predictions / min (' + Math.round(data.bucketSeconds / 60) + '-min buckets)' } });
    D.renderDistributions(data.comparison);
  });
})();
