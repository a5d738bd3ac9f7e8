// Retraining: the Retrain button and the steps of the newest run as they progress.
(function () {
  'use strict';
  var D = window.Driftwatch;
  var f = D.format;
  var element = D.element;
  var normalRefresh = D.state.refreshMillis;
  var fastRefresh = 1000;
  var followLimitMillis = 120000;
  var latestSeen = null;
  /** Set by a click: the newest run as it was, and when; cleared once a run has visibly moved on and stopped. */
  var following = null;

  /** Changes whenever a run starts, resumes, moves a step or ends (clocks of browser and server never compared). */
  function signature(run) {
    if (!run) return '';
    return run.id + '|' + run.status + '|' + run.endedAt + '|' + run.steps.map(function (step) { return step.status + step.attempts; }).join(',');
  }
  var status = D.byId('retrain-status');
  var button = D.byId('retrain');

  function renderSteps(run) {
    var list = D.clear(D.byId('retraining-steps'));
    var caption = D.byId('run-caption');
    if (!run) {
      caption.textContent = 'No retraining run yet.';
      return;
    }
    caption.textContent = 'Run ' + run.id + ' · ' + run.status + (run.outcome ? ' (' + run.outcome + ')' : '') + ' · started ' + f.time(run.startedAt) + (run.endedAt ? ' · ended ' + f.time(run.endedAt) : '') + (run.trigger ? ' · trigger ' + run.trigger : '');
    list.dataset.runId = run.id;
    list.dataset.runStatus = run.status;
    run.steps.forEach(function (step) {
      var detail = step.error ? 'Error: ' + step.error : step.output || '';
      list.appendChild(element('li', { class: 'status-' + step.status, 'data-step': step.name, 'data-status': step.status },
        element('span', { class: 'name' }, step.name),
        element('span', null, D.statusBadge(step.status)),
        element('span', { class: 'detail' }, f.duration(step.durationMillis) + (step.attempts > 1 ? ' · ' + step.attempts + ' attempts' : '') + (detail ? ' · ' + detail : ''))));
    });
  }

  D.startPage(async function () {
    var data = await D.getJson('retraining');
    if (!data.available) {
      D.byId('run-caption').textContent = 'No registry is configured: runs cannot be shown.';
      return;
    }
    renderSteps(data.latest);
    D.fillTable('table-runs', data.runs.map(function (run) {
      return [f.time(run.startedAt), D.statusBadge(run.status), run.outcome || '—', run.trigger || '—', f.time(run.endedAt), run.error || ''];
    }), 'No retraining run yet.');
    var latest = data.latest;
    latestSeen = latest;
    var active = !!latest && latest.steps.some(function (step) { return step.status === 'running'; });
    if (following !== null) {
      if (signature(latest) !== following.signature && !active) {
        if (latest.status === 'running') {
          var waitingStep = latest.steps.filter(function (step) { return step.status === 'waiting'; })[0];
          status.textContent = 'Run is waiting' + (waitingStep && waitingStep.output ? ': ' + waitingStep.output : '') + '; the next check continues it.';
        } else {
          status.textContent = 'Run finished: ' + latest.status + (latest.outcome ? ' (' + latest.outcome + ')' : '') + (latest.error ? ': ' + latest.error : '') + '.';
        }
        following = null;
      } else if (Date.now() - following.since > followLimitMillis && !active) {
        status.textContent = 'No run has started yet: the job may be queued behind another one.';
        following = null;
      }
    }
    // Follow a run closely while a step is executing (or one was just asked for), then fall back to the normal rate.
    D.state.refreshMillis = active || following !== null ? fastRefresh : normalRefresh;
  });

  if (!button) return;
  button.addEventListener('click', async function () {
    button.disabled = true;
    status.className = '';
    status.textContent = 'Starting…';
    try {
      var result = await D.postJson('retrain');
      if (result.ok) {
        following = { signature: signature(latestSeen), since: Date.now() };
        status.textContent = 'Retraining started' + (result.data.jobId ? ' (job ' + result.data.jobId + ')' : '') + '; following its steps…';
      } else {
        status.textContent = 'Could not start (' + result.status + '): ' + (result.data.error || 'unknown error');
        status.className = 'error';
      }
    } finally {
      button.disabled = false;
      D.refresh();
    }
  });
})();
