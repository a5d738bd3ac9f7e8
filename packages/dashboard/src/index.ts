// Dashboard
export { createDashboard } from './create-dashboard.js';
export type { Dashboard } from './create-dashboard.js';
export type { DashboardConfig, DashboardRetrainConfig } from './dashboard-config.js';

// Structural framework types
export type { DashboardNext, DashboardRequest } from './dashboard-request.js';
export type {
  DashboardFastifyInstance,
  DashboardFastifyPlugin,
  DashboardFastifyReply,
  DashboardFastifyRequest,
} from './dashboard-fastify-plugin.js';
