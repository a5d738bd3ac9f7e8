import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DashboardConfig } from './dashboard-config.js';
import type { DashboardFastifyPlugin } from './dashboard-fastify-plugin.js';
import type { DashboardNext, DashboardRequest } from './dashboard-request.js';
import { createRequestHandler, type DashboardExchange } from './internal/handle-dashboard-request.js';
import { maxBodyBytes } from './internal/read-request-body.js';
import { resolveDashboardConfig } from './internal/resolve-dashboard-config.js';
import { sendResponse } from './internal/send-response.js';

/**
 * A mounted dashboard. Call it as Express middleware (`app.use('/driftwatch', dashboard)`), pass
 * `dashboard.handle` to `http.createServer` (with `basePath` in the config), or register
 * `dashboard.fastifyPlugin` with a prefix.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createDashboard, type Dashboard } from '@driftwatch/dashboard';
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * const dashboard: Dashboard = createDashboard({ store: createInMemoryEventStore(), basePath: '/driftwatch' });
 * createServer(dashboard.handle).listen(3000);
 * ```
 */
export interface Dashboard {
  /**
   * Express (4 or 5) middleware. Requests outside `basePath` go to `next()`; without `next` they get a 404.
   */
  (request: DashboardRequest, response: ServerResponse, next?: DashboardNext): void;
  /** A `node:http` request listener: `http.createServer(dashboard.handle)`. Requests outside `basePath` get a 404. */
  readonly handle: (request: IncomingMessage, response: ServerResponse) => void;
  /** A Fastify (v5) plugin: `fastify.register(dashboard.fastifyPlugin, { prefix: '/driftwatch' })`. */
  readonly fastifyPlugin: DashboardFastifyPlugin;
}

function splitUrl(url: string): { pathname: string; search: string } {
  const queryStart = url.indexOf('?');
  const pathname = queryStart === -1 ? url : url.slice(0, queryStart);
  return { pathname: pathname === '' ? '/' : pathname, search: queryStart === -1 ? '' : url.slice(queryStart + 1) };
}

/**
 * Creates a dashboard to mount in your own app, the way bull-board is mounted: pages for the
 * overview, feature drift, predictions, performance, champion vs challenger, alerts, logs and
 * retraining, server-rendered shells whose small scripts fetch JSON from `<base>/api/…` and refresh
 * themselves every `refreshIntervalSeconds`. Charts are uPlot, served from the package. Read-only
 * except the Retrain button and the champion rollback. Protect it with API keys (`apiKeys` or
 * `DRIFTWATCH_DASHBOARD_API_KEYS`); see `docs/guides/mounting-the-dashboard.md`.
 *
 * Throws `VALIDATION_FAILED` for an invalid config.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createDashboard } from '@driftwatch/dashboard';
 * import { createInMemoryEventStore, createInMemoryRegistryStore } from '@driftwatch/core/testing';
 *
 * const app = express();
 * app.use('/driftwatch', createDashboard({ store: createInMemoryEventStore(), registry: createInMemoryRegistryStore() }));
 * ```
 */
export function createDashboard(config: DashboardConfig): Dashboard {
  const resolved = resolveDashboardConfig(config);
  const handleExchange = createRequestHandler(resolved);
  const { basePath } = resolved;

  function serve(request: DashboardRequest, response: ServerResponse, mountPath: string, url: string, next: DashboardNext | undefined): void {
    const { pathname, search } = splitUrl(url);
    let path = pathname;
    let mount = mountPath.replace(/\/+$/, '');
    if (basePath !== '') {
      if (path !== basePath && !path.startsWith(`${basePath}/`)) {
        if (next !== undefined) next();
        else sendResponse(response, { status: 404, contentType: 'text/plain; charset=utf-8', body: 'Not found.' });
        return;
      }
      path = path.slice(basePath.length) || '/';
      mount += basePath;
    }
    const exchange: DashboardExchange = { request, response, mountPath: mount, path, search };
    handleExchange(exchange).catch((error: unknown) => {
      // The handler answers its own failures; this is the last resort.
      if (next !== undefined) next(error);
      else if (!response.headersSent) sendResponse(response, { status: 500, contentType: 'text/plain; charset=utf-8', body: 'Internal error.' });
    });
  }

  const dashboard = ((request: DashboardRequest, response: ServerResponse, next?: DashboardNext) =>
    serve(request, response, typeof request.baseUrl === 'string' ? request.baseUrl : '', request.url ?? '/', next)) as Dashboard;

  const handle = (request: IncomingMessage, response: ServerResponse) => serve(request, response, '', request.url ?? '/', undefined);

  const fastifyPlugin: DashboardFastifyPlugin = async (instance) => {
    const prefix = (instance.prefix ?? '').replace(/\/+$/, '');
    // Forms post urlencoded bodies, which Fastify does not parse: hand every body over as bytes.
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (_request, body, done) => done(null, body));
    const handler = async (request: { raw: IncomingMessage; body?: unknown }, reply: { raw: ServerResponse; hijack(): unknown }) => {
      reply.hijack();
      const raw = request.raw as DashboardRequest;
      if (request.body !== undefined) raw.body = request.body;
      const url = raw.url ?? '/';
      const relative = url.startsWith(prefix) ? url.slice(prefix.length) : url;
      await new Promise<void>((resolve) => {
        reply.raw.once('close', resolve);
        reply.raw.once('finish', resolve);
        serve(raw, reply.raw, prefix, relative === '' || relative.startsWith('?') ? `/${relative}` : relative, undefined);
      });
    };
    for (const url of ['/', '/*']) instance.route({ method: ['GET', 'HEAD', 'POST'], url, handler });
  };

  Object.defineProperties(dashboard, {
    handle: { value: handle, enumerable: true },
    fastifyPlugin: { value: fastifyPlugin, enumerable: true },
  });
  return Object.freeze(dashboard);
}
