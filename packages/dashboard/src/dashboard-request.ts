import type { IncomingMessage } from 'node:http';

/**
 * The request the dashboard handles: a `node:http` request, plus what Express adds when it is
 * mounted there. An Express (4 or 5) `Request` satisfies it, and so does a plain `IncomingMessage`.
 * Described here instead of imported, so that no framework is a dependency.
 *
 * @example
 * ```ts
 * import type { DashboardRequest } from '@driftwatch/dashboard';
 * const mountPathOf = (request: DashboardRequest) => request.baseUrl ?? '';
 * ```
 */
export interface DashboardRequest extends IncomingMessage {
  /** Express's mount path (`/driftwatch` under `app.use('/driftwatch', dashboard)`); `url` is then relative to it. */
  baseUrl?: string;
  /** A body parsed upstream (`express.json()`, `express.urlencoded()`); when absent the dashboard reads the stream itself. */
  body?: unknown;
}

/**
 * Express's `next`: called when a request is not the dashboard's (outside its `basePath`) or failed unexpectedly.
 *
 * @example
 * ```ts
 * import type { DashboardNext } from '@driftwatch/dashboard';
 * const next: DashboardNext = (error) => { if (error) console.error(error); };
 * ```
 */
export type DashboardNext = (error?: unknown) => void;
