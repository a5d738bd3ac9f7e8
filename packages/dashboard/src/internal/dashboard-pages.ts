/** The pages, in navigation order: `path` under the dashboard's base, the script that fills it. */
export const dashboardPages = Object.freeze([
  { name: 'overview', path: '', title: 'Overview' },
  { name: 'drift', path: 'drift', title: 'Feature drift' },
  { name: 'predictions', path: 'predictions', title: 'Predictions' },
  { name: 'performance', path: 'performance', title: 'Performance' },
  { name: 'champion', path: 'champion', title: 'Champion vs challenger' },
  { name: 'alerts', path: 'alerts', title: 'Alerts' },
  { name: 'logs', path: 'logs', title: 'Logs' },
  { name: 'retraining', path: 'retraining', title: 'Retraining' },
] as const);

/** One page of the dashboard. */
export type DashboardPage = (typeof dashboardPages)[number];
