// Champion vs challenger: traffic split, metrics side by side, promotion, alias history, rollback.
(function () {
  'use strict';
  var D = window.Driftwatch;
  var f = D.format;
  var metrics = [['accuracy', 'Accuracy'], ['precision', 'Precision'], ['recall', 'Recall'], ['f1', 'F1'], ['auc', 'AUC'], ['label-coverage', 'Label coverage']];
  var rollback = null;

  function mergeArms(arms) {
    var times = {};
    arms.forEach(function (arm) { arm.overTime.time.forEach(function (time) { times[time] = true; }); });
    var time = Object.keys(times).map(Number).sort(function (a, b) { return a - b; });
    var series = {};
    arms.forEach(function (arm) {
      ['accuracy', 'auc'].forEach(function (metric) {
        var values = arm.overTime.series[metric] || [];
        var byTime = {};
        arm.overTime.time.forEach(function (at, index) { byTime[at] = values[index]; });
        series[arm.alias + ' v' + arm.version + ' ' + metric] = time.map(function (at) { return byTime[at] === undefined ? null : byTime[at]; });
      });
    });
    return { time: time, series: series };
  }

  D.startPage(async function () {
    var data = await D.getJson('champion');
    var champion = data.arms.filter(function (arm) { return arm.alias === 'champion'; })[0];
    var challenger = data.arms.filter(function (arm) { return arm.alias === 'challenger'; })[0];
    var split = data.routing ? data.routing.shares.map(function (entry) { return entry.alias + ' ' + f.percent(entry.share, 0); }).join(' · ') : 'no routing config';
    var promotion = data.promotion;
    D.fillCards('champion-cards', [
      { label: 'Champion', value: champion ? 'v' + champion.version : '—', sub: champion && champion.createdAt ? 'registered ' + f.time(champion.createdAt) : null },
      { label: 'Challenger', value: challenger ? 'v' + challenger.version : '—', sub: challenger && challenger.createdAt ? 'registered ' + f.time(challenger.createdAt) : 'none' },
      { label: 'Traffic split', value: split, sub: data.routing ? (data.routing.killSwitch ? 'kill switch on' : data.routing.shadowAlias ? 'shadow: ' + data.routing.shadowAlias : 'updated ' + f.time(data.routing.updatedAt)) : null },
      { label: 'Promotion', value: promotion ? promotion.phase + (promotion.outcome ? ' · ' + promotion.outcome : '') : '—', sub: promotion ? (promotion.reason || promotion.lastAction || '') : 'no A/B test recorded' },
    ]);
    D.fillTable('table-side-by-side', metrics.map(function (entry) {
      var name = entry[0];
      var left = champion && champion.production[name];
      var right = challenger && challenger.production[name];
      var format = name === 'label-coverage' ? function (value) { return f.percent(value); } : function (value) { return f.number(value, 3); };
      return [
        entry[1],
        { value: left ? format(left.value) : '—', class: 'number', title: left ? 'n ' + left.labelledCount : null },
        { value: right ? format(right.value) : '—', class: 'number', title: right ? 'n ' + right.labelledCount : null },
        { value: left && right ? (right.value - left.value >= 0 ? '+' : '') + f.number(right.value - left.value, 3) : '—', class: 'number' },
      ];
    }));
    D.timeChart('chart-arms', mergeArms(data.arms), { format: function (value) { return f.number(value, 2); }, emptyText: 'No performance checks per version yet: run a Monitor with modelVersion for each arm.' });
    D.fillTable('table-alias-history', data.aliasHistory.map(function (entry) {
      return [f.time(entry.at), entry.alias + (entry.rollback ? ' (rollback)' : ''), entry.fromVersion === null ? '—' : 'v' + entry.fromVersion, entry.toVersion === null ? '—' : 'v' + entry.toVersion, entry.actor, entry.reason];
    }), 'No alias has moved yet.');
    rollback = data.rollback;
    var button = D.byId('rollback');
    var text = D.byId('rollback-text');
    if (D.byId('rollback-confirm').hidden) {
      button.disabled = !rollback.available;
      button.textContent = rollback.available ? 'Roll back champion v' + rollback.fromVersion + ' → v' + rollback.toVersion : 'Roll back';
    }
    text.textContent = rollback.available
      ? 'Moves the champion alias back to v' + rollback.toVersion + ' (compare-and-set: it fails if the champion moves meanwhile).'
      : rollback.reason || 'Nothing to roll back to.';
  });

  var button = D.byId('rollback');
  var confirm = D.byId('rollback-confirm');
  var cancel = D.byId('rollback-cancel');
  var status = D.byId('rollback-status');
  if (!button) return;
  function ask(asking) {
    button.hidden = asking;
    confirm.hidden = !asking;
    cancel.hidden = !asking;
  }
  button.addEventListener('click', function () { if (rollback && rollback.available) ask(true); });
  cancel.addEventListener('click', function () { ask(false); });
  confirm.addEventListener('click', async function () {
    confirm.disabled = true;
    try {
      var result = await D.postJson('champion/rollback', { expectedVersion: rollback.fromVersion, toVersion: rollback.toVersion });
      status.textContent = result.ok
        ? 'Rolled back: champion v' + result.data.fromVersion + ' → v' + result.data.toVersion + '.'
        : 'Rollback refused (' + result.status + '): ' + (result.data.error || 'unknown error');
      status.className = result.ok ? '' : 'error';
    } finally {
      confirm.disabled = false;
      ask(false);
      D.refresh();
    }
  });
})();
