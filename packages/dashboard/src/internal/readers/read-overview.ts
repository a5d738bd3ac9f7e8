import { severityRank, type AlertSeverity, type CheckResultRecord } from '@driftwatch/core';
import { selectMonitorScope } from '../select-monitor-scope.js';
import { summarizeIncidents, type IncidentView } from '../summarize-incidents.js';
import { toCheckView, type CheckView } from '../to-check-view.js';
import { toRetrainingRunView, type RetrainingRunView } from '../to-retraining-run-view.js';
import { toTimeSeries, type TimeSeries } from '../to-time-series.js';
import { latestBySubject } from '../latest-by-subject.js';
import { timeRangeOf, type ReaderContext } from './reader-context.js';

/** The newest point of a headline series. */
export interface HeadlineValue {
  value: number;
  severity: CheckResultRecord['severity'];
  checkedAt: string;
}

/** What the overview page shows (`GET api/overview`). */
export interface OverviewData {
  model: string;
  generatedAt: string;
  rangeSeconds: number;
  /** The loudest severity of the latest check run and the current alerts; `UNKNOWN` before any check ran. */
  status: AlertSeverity | 'OK' | 'UNKNOWN';
  lastCheckedAt: string | null;
  latest: Record<'requests-per-minute' | 'error-rate' | 'p50' | 'p95' | 'p99', HeadlineValue | null>;
  volume: TimeSeries;
  errorRate: TimeSeries;
  latency: TimeSeries;
  currentAlerts: IncidentView[];
  /** Results of the latest check run that are not `OK`, loudest first. */
  issues: CheckView[];
  champion: number | null;
  challenger: number | null;
  /** Traffic shares by alias, normalised; `null` without a routing config. */
  traffic: Array<{ alias: string; share: number }> | null;
  retraining: Pick<RetrainingRunView, 'id' | 'status' | 'startedAt' | 'endedAt' | 'outcome'> | null;
}

/**
 * Reads the overview: volume, error rate and latency series from the volume and latency check
 * results, the latest check run (one query at its `checkedAt`), the current alerts, the aliases,
 * the routing and the newest retraining run. No raw predictions are read.
 *
 * @example
 * ```ts
 * import { readOverview } from './read-overview.js';
 * // const data = await readOverview({ config, modelName: 'churn', nowMillis: Date.now(), rangeSeconds: 86_400, query });
 * ```
 */
export async function readOverview(context: ReaderContext): Promise<OverviewData> {
  const { store, registry, maxChartPoints } = context.config;
  const { modelName, nowMillis } = context;
  const { from, to } = timeRangeOf(context.rangeSeconds, nowMillis);
  const [volumeRecords, latencyRecords, alerts, aliases, routing, runs] = await Promise.all([
    store.readCheckResults({ modelName, from, to, kind: 'volume' }),
    store.readCheckResults({ modelName, from, to, kind: 'latency' }),
    store.readAlerts({ modelName, limit: 200 }),
    registry?.listAliases(modelName),
    registry?.readRoutingConfig(modelName),
    registry?.listRuns(context.config.retrainingExperiment(modelName), { limit: 1 }),
  ]);
  const volume = selectMonitorScope(volumeRecords);
  const latency = selectMonitorScope(latencyRecords);
  let lastCheckedMillis: number | undefined;
  for (const record of [...volumeRecords, ...latencyRecords]) {
    const millis = record.checkedAt.getTime();
    if (lastCheckedMillis === undefined || millis > lastCheckedMillis) lastCheckedMillis = millis;
  }
  const latestRun =
    lastCheckedMillis === undefined
      ? []
      : await store.readCheckResults({ modelName, from: new Date(lastCheckedMillis), to: new Date(lastCheckedMillis + 1) });
  const currentAlerts = summarizeIncidents(alerts).filter((incident) => incident.status === 'firing');
  const issues = latestRun
    .filter((record) => record.severity !== 'OK')
    .sort((left, right) => severityRank(right.severity) - severityRank(left.severity))
    .map(toCheckView);
  let status: OverviewData['status'] = lastCheckedMillis === undefined && currentAlerts.length === 0 ? 'UNKNOWN' : 'OK';
  for (const severity of [...latestRun.map((record) => record.severity), ...currentAlerts.map((incident) => incident.severity)]) {
    if (status === 'UNKNOWN' || severityRank(severity) > severityRank(status)) status = severity;
  }
  const latestVolume = latestBySubject(volume);
  const latestLatency = latestBySubject(latency);
  const headline = (record: CheckResultRecord | undefined): HeadlineValue | null =>
    record === undefined ? null : { value: record.value, severity: record.severity, checkedAt: record.checkedAt.toISOString() };
  const champion = aliases?.find((alias) => alias.alias === 'champion')?.version ?? null;
  const challenger = aliases?.find((alias) => alias.alias === 'challenger')?.version ?? null;
  let traffic: OverviewData['traffic'] = null;
  if (routing !== undefined) {
    const entries = Object.entries(routing.weights).filter(([, weight]) => weight > 0);
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    traffic = routing.killSwitch
      ? [{ alias: 'champion', share: 1 }]
      : entries.map(([alias, weight]) => ({ alias, share: total > 0 ? weight / total : 0 }));
  }
  const run = runs?.[0];
  const runView = run === undefined ? null : toRetrainingRunView(run);
  return {
    model: modelName,
    generatedAt: new Date(nowMillis).toISOString(),
    rangeSeconds: context.rangeSeconds,
    status,
    lastCheckedAt: lastCheckedMillis === undefined ? null : new Date(lastCheckedMillis).toISOString(),
    latest: {
      'requests-per-minute': headline(latestVolume.get('requests-per-minute')),
      'error-rate': headline(latestVolume.get('error-rate')),
      p50: headline(latestLatency.get('p50')),
      p95: headline(latestLatency.get('p95')),
      p99: headline(latestLatency.get('p99')),
    },
    volume: toTimeSeries(volume, { maxPoints: maxChartPoints, subjects: ['requests-per-minute'] }),
    errorRate: toTimeSeries(volume, { maxPoints: maxChartPoints, subjects: ['error-rate'], aggregate: 'max' }),
    latency: toTimeSeries(latency, { maxPoints: maxChartPoints, subjects: ['p50', 'p95', 'p99'] }),
    currentAlerts,
    issues,
    champion,
    challenger,
    traffic,
    retraining:
      runView === null
        ? null
        : { id: runView.id, status: runView.status, startedAt: runView.startedAt, endedAt: runView.endedAt, outcome: runView.outcome },
  };
}
