// Driftwatch dashboard: what every page shares. Pages call `Driftwatch.startPage(load)`; `load`
// fetches JSON from `api/…` (relative to <base href>) and fills the page. Text always goes in
// through textContent, never innerHTML.
(function () {
  'use strict';

  var body = document.body;
  var state = {
    page: body.dataset.page,
    model: body.dataset.model,
    range: Number(body.dataset.range) || 86400,
    refreshMillis: Math.max(1000, Number(body.dataset.refreshMillis) || 5000),
  };
  /** uPlot instances by container id; tests read them to check that charts hold data. */
  var charts = {};
  var palette = ['#2f6fdd', '#e8590c', '#2b8a3e', '#ae3ec9', '#c92a2a', '#1098ad', '#f59f00', '#5c7cfa', '#862e9c', '#495057'];

  // ---- HTTP ---------------------------------------------------------------------------------

  function apiUrl(path, extra) {
    var parameters = new URLSearchParams();
    if (state.model) parameters.set('model', state.model);
    parameters.set('range', String(state.range));
    if (extra) Object.keys(extra).forEach(function (key) { parameters.set(key, String(extra[key])); });
    return 'api/' + path + '?' + parameters.toString();
  }

  function signInAgain() {
    var next = location.pathname.split('/').pop() + location.search;
    location.href = 'login?next=' + encodeURIComponent(next);
  }

  async function getJson(path, extra) {
    var response = await fetch(apiUrl(path, extra), { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 401) {
      signInAgain();
      throw new Error('signed out');
    }
    if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
    return response.json();
  }

  async function postJson(path, value) {
    var response = await fetch(apiUrl(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(value || {}),
    });
    if (response.status === 401) signInAgain();
    var data = {};
    try { data = await response.json(); } catch (error) { /* an empty body */ }
    return { status: response.status, ok: response.ok, data: data };
  }

  // ---- DOM ----------------------------------------------------------------------------------

  /** element('td', { class: 'number' }, '12') — strings become text nodes, never HTML. */
  function element(tag, attributes) {
    var node = document.createElement(tag);
    if (attributes) {
      Object.keys(attributes).forEach(function (key) {
        var value = attributes[key];
        if (value === undefined || value === null || value === false) return;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = value;
        else node.setAttribute(key, value === true ? '' : String(value));
      });
    }
    for (var index = 2; index < arguments.length; index++) append(node, arguments[index]);
    return node;
  }

  function append(node, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (item) { append(node, item); }); return; }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function byId(id) { return document.getElementById(id); }

  // ---- Formatting ---------------------------------------------------------------------------

  function number(value, digits) {
    if (value === null || value === undefined || !isFinite(value)) return '—';
    var magnitude = Math.abs(value);
    if (digits !== undefined) return value.toFixed(digits);
    if (magnitude === 0) return '0';
    if (magnitude >= 1000) return Math.round(value).toLocaleString();
    if (magnitude >= 100) return value.toFixed(0);
    if (magnitude >= 1) return value.toFixed(2);
    if (magnitude >= 0.001) return value.toFixed(3);
    return value.toExponential(1);
  }

  function percent(value, digits) {
    if (value === null || value === undefined || !isFinite(value)) return '—';
    return (value * 100).toFixed(digits === undefined ? 1 : digits) + ' %';
  }

  function milliseconds(value) {
    return value === null || value === undefined ? '—' : number(value) + ' ms';
  }

  function pValue(value) {
    if (value === null || value === undefined || !isFinite(value)) return '—';
    return value < 0.0001 ? '< 0.0001' : value.toFixed(4);
  }

  function time(iso) {
    if (!iso) return '—';
    var date = new Date(iso);
    return isNaN(date.getTime()) ? '—' : date.toLocaleString();
  }

  function duration(millis) {
    if (millis === null || millis === undefined) return '—';
    if (millis < 1000) return Math.round(millis) + ' ms';
    if (millis < 60000) return (millis / 1000).toFixed(1) + ' s';
    return Math.floor(millis / 60000) + ' min ' + Math.round((millis % 60000) / 1000) + ' s';
  }

  function badge(text, kind) {
    return element('span', { class: 'badge ' + (kind || 'severity-' + text) }, text);
  }

  function severityBadge(severity) { return badge(severity || 'OK', 'severity-' + (severity || 'OK')); }
  function statusBadge(status) { return badge(status, 'status-' + status); }

  // ---- Tables and cards ---------------------------------------------------------------------

  /** Rows: arrays of cells; a cell is text, a Node, or { value, class }. A row may be { cells, class }. */
  function fillTable(id, rows, emptyText) {
    var table = byId(id);
    if (!table) return;
    var tbody = clear(table.tBodies[0]);
    var columns = table.tHead ? table.tHead.rows[0].cells.length : 1;
    if (!rows.length) {
      tbody.appendChild(element('tr', { class: 'empty' }, element('td', { colspan: columns }, emptyText || 'Nothing yet.')));
      return;
    }
    rows.forEach(function (row) {
      var cells = Array.isArray(row) ? row : row.cells;
      var tr = element('tr', { class: Array.isArray(row) ? null : row.class });
      cells.forEach(function (cell) {
        if (cell && typeof cell === 'object' && !(cell instanceof Node) && 'value' in cell) tr.appendChild(element('td', { class: cell.class, title: cell.title }, cell.value));
        else tr.appendChild(element('td', null, cell));
      });
      tbody.appendChild(tr);
    });
  }

  /** Cards: [{ label, value, sub, severity }]. */
  function fillCards(id, cards) {
    var container = byId(id);
    if (!container) return;
    clear(container);
    cards.forEach(function (card) {
      container.appendChild(
        element('div', { class: 'card' + (card.severity ? ' severity-' + card.severity : ''), 'data-card': card.label },
          element('div', { class: 'label' }, card.label),
          element('div', { class: 'value' }, card.value),
          card.sub ? element('div', { class: 'sub' }, card.sub) : null),
      );
    });
  }

  function showNote(id, text) {
    var node = byId(id);
    if (!node) return;
    node.hidden = !text;
    node.textContent = text || '';
  }

  // ---- Charts (uPlot) -----------------------------------------------------------------------

  function cssVariable(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888'; }

  /** Tick labels: whole numbers without decimals, others as `number` formats them. */
  function tick(value) {
    if (value === null || value === undefined || !isFinite(value)) return '';
    return Number.isInteger(value) ? value.toLocaleString() : String(parseFloat(value.toPrecision(3)));
  }

  function axes(formatY) {
    var stroke = cssVariable('--chart-axis');
    var grid = { stroke: cssVariable('--chart-grid'), width: 1 };
    return [
      { stroke: stroke, grid: grid, ticks: grid },
      {
        stroke: stroke,
        grid: grid,
        ticks: grid,
        values: function (u, splits) { return splits.map(function (value) { return formatY(value); }); },
        // Wide enough for the longest label, so '120.5 ms' is never cut to '0.5 ms'.
        size: function (u, values) {
          var longest = (values || []).reduce(function (length, value) { return Math.max(length, String(value).length); }, 0);
          return Math.max(40, longest * 7 + 20);
        },
      },
    ];
  }

  function widthOf(container) { return Math.max(280, Math.floor(container.clientWidth || container.parentNode.clientWidth || 600)); }

  function showEmpty(container, text) {
    if (charts[container.id]) { charts[container.id].destroy(); delete charts[container.id]; }
    clear(container).appendChild(element('div', { class: 'empty' }, text || 'No data in this range yet.'));
  }

  /**
   * Draws or updates a uPlot chart in `id`. `data` is uPlot's columnar array, `series` the
   * series options after x; a chart whose series change is rebuilt, else only its data is set.
   */
  function draw(id, data, series, options) {
    var container = byId(id);
    if (!container) return null;
    var key = JSON.stringify(series.map(function (item) { return item.label; })) + (options.key || '');
    var chart = charts[id];
    if (chart && chart._driftwatchKey === key) {
      chart.setData(data, true);
      return chart;
    }
    if (chart) chart.destroy();
    clear(container);
    chart = new uPlot(
      Object.assign({ width: widthOf(container), height: options.height || 240, series: [{}].concat(series), legend: { live: true } }, options.uplot),
      data,
      container,
    );
    chart._driftwatchKey = key;
    charts[id] = chart;
    return chart;
  }

  /** A time chart of `{ time, series }` from the API; `names` picks and orders the subjects. */
  function timeChart(id, timeSeries, options) {
    options = options || {};
    var names = options.names || Object.keys(timeSeries.series);
    names = names.filter(function (name) { return timeSeries.series[name]; });
    var hasPoint = names.some(function (name) { return timeSeries.series[name].some(function (value) { return value !== null; }); });
    var container = byId(id);
    if (!container) return null;
    if (!timeSeries.time.length || !hasPoint) { showEmpty(container, options.emptyText); return null; }
    var format = options.format || number;
    var tickFormat = options.tickFormat || tick;
    var data = [timeSeries.time].concat(names.map(function (name) { return timeSeries.series[name]; }));
    var series = names.map(function (name, index) {
      return {
        label: (options.labels && options.labels[name]) || name,
        stroke: (options.colors && options.colors[name]) || palette[index % palette.length],
        width: 1.5,
        points: { show: timeSeries.time.length < 60 },
        value: function (u, value) { return value === null || value === undefined ? '—' : format(value); },
      };
    });
    return draw(id, data, series, {
      height: options.height,
      uplot: { scales: { x: { time: true }, y: options.yRange ? { range: options.yRange } : { auto: true } }, axes: axes(tickFormat) },
    });
  }

  /** Bars on categories: training (wide, grey) with production (narrow, coloured) over it. */
  function distributionChart(id, labels, reference, current, options) {
    options = options || {};
    var container = byId(id);
    if (!container) return null;
    if (!labels.length) { showEmpty(container); return null; }
    var indexes = labels.map(function (_, index) { return index; });
    var bars = uPlot.paths.bars;
    var series = [
      { label: options.referenceLabel || 'Training', stroke: cssVariable('--chart-axis'), fill: 'rgba(128,128,128,0.30)', width: 1, paths: bars({ size: [0.85, 80] }), points: { show: false }, value: function (u, value) { return percent(value); } },
      { label: options.currentLabel || 'Production', stroke: palette[0], fill: 'rgba(47,111,221,0.65)', width: 1, paths: bars({ size: [0.45, 40] }), points: { show: false }, value: function (u, value) { return percent(value); } },
    ];
    var format = function (value) { return percent(value, 0); };
    var axisList = axes(format);
    axisList[0] = Object.assign(axisList[0], {
      splits: function () { return indexes; },
      values: function (u, splits) { return splits.map(function (index) { var label = labels[index]; return label === undefined ? '' : label.length > 14 ? label.slice(0, 13) + '…' : label; }); },
      rotate: labels.length > 6 ? -40 : 0,
      size: labels.length > 6 ? 70 : 40,
      font: '11px system-ui',
    });
    return draw(id, [indexes, reference, current], series, {
      key: JSON.stringify(labels),
      height: options.height || 220,
      uplot: {
        scales: { x: { time: false, range: [-0.6, labels.length - 0.4] }, y: { range: function (u, min, max) { return [0, Math.max(0.05, max * 1.1)]; } } },
        axes: axisList,
        cursor: { points: { show: false } },
        legend: { live: false },
      },
    });
  }

  /** A line chart over a numeric x axis (the ROC curve), x ascending. */
  function xyChart(id, xs, seriesList, options) {
    options = options || {};
    var container = byId(id);
    if (!container) return null;
    if (!xs.length) { showEmpty(container, options.emptyText); return null; }
    var series = seriesList.map(function (item, index) {
      return { label: item.label, stroke: item.color || palette[index % palette.length], width: item.width || 2, dash: item.dash, points: { show: false }, value: function (u, value) { return number(value); } };
    });
    return draw(id, [xs].concat(seriesList.map(function (item) { return item.values; })), series, {
      height: options.height || 300,
      uplot: { scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } }, axes: axes(tick) },
    });
  }

  /** Fills `#distributions` with one training-vs-production chart per column of a baseline comparison. */
  function renderDistributions(comparison, captionId) {
    var container = byId('distributions');
    if (!container) return;
    var caption = byId(captionId || 'distribution-caption');
    if (caption) {
      caption.textContent = comparison.note
        ? comparison.note
        : 'Production: the last ' + Math.round(comparison.windowSeconds / 60) + ' min (' + comparison.profileCount + ' window profiles) against baseline ' + comparison.baselineVersion + '.';
    }
    var names = comparison.distributions.map(function (item) { return item.name; });
    var key = JSON.stringify(names);
    if (container.dataset.key !== key) {
      Object.keys(charts).forEach(function (id) { if (id.indexOf('chart-distribution-') === 0) { charts[id].destroy(); delete charts[id]; } });
      clear(container);
      comparison.distributions.forEach(function (item, index) {
        container.appendChild(element('div', { class: 'small-multiple', 'data-column': item.name },
          element('h3', null, element('span', null, item.name), element('span', { class: 'hint', id: 'distribution-psi-' + index })),
          element('div', { class: 'chart', id: 'chart-distribution-' + index, role: 'img', 'aria-label': 'Training and production distributions of ' + item.name })));
      });
      container.dataset.key = key;
    }
    comparison.distributions.forEach(function (item, index) {
      var psi = byId('distribution-psi-' + index);
      if (psi) psi.textContent = 'PSI ' + number(item.psi) + ' · n ' + number(item.currentCount);
      distributionChart('chart-distribution-' + index, item.labels, item.reference, item.current);
    });
  }

  function resizeCharts() {
    Object.keys(charts).forEach(function (id) {
      var container = byId(id);
      if (container) charts[id].setSize({ width: widthOf(container), height: charts[id].height });
    });
  }
  var resizeTimer;
  window.addEventListener('resize', function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(resizeCharts, 150); });

  // ---- Refresh loop -------------------------------------------------------------------------

  var live = byId('live-status');
  function setLive(text, failed) {
    if (!live) return;
    live.textContent = text;
    live.classList.toggle('failed', !!failed);
  }

  /** Runs `load` now and then every refresh interval while the tab is visible; `Driftwatch.refresh()` runs it at once. */
  function startPage(load) {
    var timer = null;
    var running = false;
    var loads = 0;
    async function refreshNow() {
      clearTimeout(timer);
      if (running) return;
      running = true;
      try {
        await load();
        loads++;
        body.dataset.loads = String(loads);
        setLive('Updated ' + new Date().toLocaleTimeString() + ' · every ' + Math.round(state.refreshMillis / 1000) + ' s');
      } catch (error) {
        setLive('Update failed: ' + (error && error.message ? error.message : error), true);
      } finally {
        running = false;
        if (!document.hidden) timer = setTimeout(refreshNow, state.refreshMillis);
      }
    }
    document.addEventListener('visibilitychange', function () {
      if (document.hidden) clearTimeout(timer);
      else refreshNow();
    });
    api.refresh = refreshNow;
    if (!state.model) { setLive('No model yet'); return; }
    refreshNow();
  }

  // ---- Header controls ----------------------------------------------------------------------

  function navigate(changes) {
    var parameters = new URLSearchParams(location.search);
    Object.keys(changes).forEach(function (key) { parameters.set(key, changes[key]); });
    location.search = parameters.toString();
  }
  var modelSelect = byId('model-select');
  if (modelSelect) modelSelect.addEventListener('change', function () { navigate({ model: modelSelect.value }); });
  var rangeSelect = byId('range-select');
  if (rangeSelect) rangeSelect.addEventListener('change', function () { navigate({ range: rangeSelect.value }); });

  var api = {
    state: state,
    charts: charts,
    palette: palette,
    getJson: getJson,
    postJson: postJson,
    element: element,
    clear: clear,
    byId: byId,
    format: { number: number, tick: tick, percent: percent, milliseconds: milliseconds, pValue: pValue, time: time, duration: duration },
    badge: badge,
    severityBadge: severityBadge,
    statusBadge: statusBadge,
    fillTable: fillTable,
    fillCards: fillCards,
    showNote: showNote,
    timeChart: timeChart,
    distributionChart: distributionChart,
    xyChart: xyChart,
    renderDistributions: renderDistributions,
    startPage: startPage,
    refresh: function () {},
  };
  window.Driftwatch = api;
})();
