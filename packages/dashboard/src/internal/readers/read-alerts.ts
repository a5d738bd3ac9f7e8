import { summarizeIncidents, type IncidentView } from '../summarize-incidents.js';
import { toAlertView, type AlertView } from '../to-alert-view.js';
import { timeRangeOf, type ReaderContext } from './reader-context.js';

/** What the alerts page shows (`GET api/alerts`). */
export interface AlertsData {
  model: string;
  generatedAt: string;
  rangeSeconds: number;
  /** Incidents whose newest alert is firing. */
  current: IncidentView[];
  /** Every incident of the range, newest first. */
  incidents: IncidentView[];
  /** Every alert of the range, newest first (at most `limit`). */
  history: AlertView[];
  counts: { firing: number; critical: number; warning: number; info: number };
}

const defaultLimit = 200;
const maxLimit = 1000;

/**
 * Reads the alerts page: the alerts of the range (newest first, bounded by `?limit=`, default 200)
 * grouped into incidents by dedupe key. Alerts that fired before the range and have not resolved
 * are read too (the newest 200 regardless of time), so a long-running incident stays visible.
 *
 * @example
 * ```ts
 * import { readAlerts } from './read-alerts.js';
 * // const data = await readAlerts({ config, modelName: 'churn', nowMillis: Date.now(), rangeSeconds: 86_400, query });
 * ```
 */
export async function readAlerts(context: ReaderContext): Promise<AlertsData> {
  const { store } = context.config;
  const { from, to } = timeRangeOf(context.rangeSeconds, context.nowMillis);
  const requested = Number.parseInt(context.query.get('limit') ?? '', 10);
  const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, maxLimit) : defaultLimit;
  const [inRange, newest] = await Promise.all([
    store.readAlerts({ modelName: context.modelName, from, to, limit }),
    store.readAlerts({ modelName: context.modelName, limit: defaultLimit }),
  ]);
  const current = summarizeIncidents(newest).filter((incident) => incident.status === 'firing');
  const counts = { firing: current.length, critical: 0, warning: 0, info: 0 };
  for (const incident of current) {
    if (incident.severity === 'CRITICAL') counts.critical++;
    else if (incident.severity === 'WARNING') counts.warning++;
    else counts.info++;
  }
  return {
    model: context.modelName,
    generatedAt: new Date(context.nowMillis).toISOString(),
    rangeSeconds: context.rangeSeconds,
    current,
    incidents: summarizeIncidents(inRange),
    history: inRange.map(toAlertView),
    counts,
  };
}
