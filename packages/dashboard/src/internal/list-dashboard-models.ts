import type { ResolvedDashboardConfig } from './resolve-dashboard-config.js';

/**
 * The models the dashboard lists: `config.models`, else every model with predictions or a
 * baseline in the store and every model in the registry, sorted.
 *
 * @example
 * ```ts
 * import { listDashboardModels } from './list-dashboard-models.js';
 * // const models = await listDashboardModels(config); // ['churn', 'fraud']
 * ```
 */
export async function listDashboardModels(config: Readonly<ResolvedDashboardConfig>): Promise<string[]> {
  if (config.models !== undefined) return [...config.models];
  const [stored, registered] = await Promise.all([config.store.listModels(), config.registry?.listModelNames() ?? Promise.resolve([])]);
  return [...new Set([...stored, ...registered])].sort();
}
