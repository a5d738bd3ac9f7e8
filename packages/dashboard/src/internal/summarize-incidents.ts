import { severityRank, type AlertRecord } from '@driftwatch/core';
import { toAlertView, type AlertView } from './to-alert-view.js';

/** One incident: the alerts sharing a dedupe key, with where it stands now. */
export interface IncidentView {
  dedupeKey: string;
  /** The status of its newest alert: `firing` until a resolved notice came. */
  status: AlertRecord['status'];
  /** The highest severity it fired with. */
  severity: AlertRecord['severity'];
  title: string;
  firstAt: string;
  lastAt: string;
  alertCount: number;
  latest: AlertView;
}

/**
 * Groups alerts (newest first, as `EventStore.readAlerts` returns them) into incidents by dedupe
 * key, newest incident first. An incident is current while its newest alert is `firing`.
 *
 * @example
 * ```ts
 * import { summarizeIncidents } from './summarize-incidents.js';
 * summarizeIncidents([]).length; // 0
 * ```
 */
export function summarizeIncidents(alerts: readonly AlertRecord[]): IncidentView[] {
  const incidents = new Map<string, IncidentView>();
  for (const alert of alerts) {
    const existing = incidents.get(alert.dedupeKey);
    if (existing === undefined) {
      const view = toAlertView(alert);
      incidents.set(alert.dedupeKey, {
        dedupeKey: alert.dedupeKey,
        status: alert.status,
        severity: alert.severity,
        title: alert.title,
        firstAt: view.createdAt,
        lastAt: view.createdAt,
        alertCount: 1,
        latest: view,
      });
      continue;
    }
    existing.alertCount++;
    existing.firstAt = alert.createdAt.toISOString();
    if (alert.status === 'firing' && severityRank(alert.severity) > severityRank(existing.severity)) existing.severity = alert.severity;
  }
  return [...incidents.values()];
}
