import type { ServerResponse } from 'node:http';
import { DriftwatchError } from '@driftwatch/core';
import type { DashboardRequest } from '../dashboard-request.js';
import type { ActionResult } from './actions/action-result.js';
import { rollbackChampion } from './actions/rollback-champion.js';
import { startRetraining } from './actions/start-retraining.js';
import { createApiKeyGuard } from './create-api-key-guard.js';
import { createAssetReader } from './create-asset-reader.js';
import { dashboardPages, type DashboardPage } from './dashboard-pages.js';
import { listDashboardModels } from './list-dashboard-models.js';
import { parseCookies } from './parse-cookies.js';
import { readRequestBody } from './read-request-body.js';
import { readAlerts } from './readers/read-alerts.js';
import { readChampionChallenger } from './readers/read-champion-challenger.js';
import { readFeatureDrift } from './readers/read-feature-drift.js';
import { readLogs } from './readers/read-logs.js';
import { readOverview } from './readers/read-overview.js';
import { readPerformance } from './readers/read-performance.js';
import { readPredictionDistribution } from './readers/read-prediction-distribution.js';
import { readRetraining } from './readers/read-retraining.js';
import { readRocCurve } from './readers/read-roc-curve.js';
import type { ReaderContext } from './readers/reader-context.js';
import { renderLoginPage } from './render-login-page.js';
import { renderPage } from './render-page.js';
import { maxRangeSeconds, type ResolvedDashboardConfig } from './resolve-dashboard-config.js';
import { sendJson, sendResponse } from './send-response.js';

/** A request the dashboard has recognised as its own, with its path inside the dashboard. */
export interface DashboardExchange {
  request: DashboardRequest;
  response: ServerResponse;
  /** The public path of the dashboard's root, without a trailing slash (`''` at the server root). */
  mountPath: string;
  /** The path inside the dashboard, starting with `/`. */
  path: string;
  /** The query string without `?`. */
  search: string;
}

/** The cookie that keeps a browser signed in. */
export const sessionCookieName = 'driftwatch_dashboard';

const readers: Readonly<Record<string, (context: ReaderContext) => Promise<unknown>>> = Object.freeze({
  overview: readOverview,
  drift: readFeatureDrift,
  predictions: readPredictionDistribution,
  performance: readPerformance,
  'performance/roc': readRocCurve,
  champion: readChampionChallenger,
  alerts: readAlerts,
  logs: readLogs,
  retraining: readRetraining,
});

const pagesByPath: ReadonlyMap<string, DashboardPage> = new Map(dashboardPages.map((page) => [page.path, page]));
/** Where a sign-in may send the browser afterwards: a page of the dashboard and its query, nothing else. */
const safeNextPattern = /^(?:[a-z-]*)(?:\?[A-Za-z0-9=&._%+-]*)?$/;

function isSecure(request: DashboardRequest): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const protocol = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return protocol === 'https' || (request.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
}

function bearerOf(request: DashboardRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && /^bearer /i.test(authorization)) return authorization.slice(7).trim();
  return undefined;
}

/** False for a browser request from another site: its `Origin` names another host than the request's. */
function isSameOrigin(request: DashboardRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return origin === undefined;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const forwardedHost = request.headers['x-forwarded-host'];
  const hosts = [request.headers.host, ...(Array.isArray(forwardedHost) ? forwardedHost : [forwardedHost])].filter(
    (host): host is string => typeof host === 'string',
  );
  return hosts.some((host) => host.split(',')[0]!.trim().toLowerCase() === originHost.toLowerCase());
}

function parseRange(value: string | null, fallback: number): number {
  if (value === null) return fallback;
  const seconds = Number.parseInt(value, 10);
  return Number.isInteger(seconds) && seconds >= 60 && seconds <= maxRangeSeconds ? seconds : fallback;
}

function formBody(body: string | Record<string, unknown>): Record<string, string> {
  if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') fields[key] = value;
  return fields;
}

/**
 * Creates the function that answers every request of the dashboard: its assets, the sign-in
 * flow, the pages and the JSON API. Framework adapters locate the request (strip the mount path)
 * and hand it over.
 *
 * @example
 * ```ts
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * import { createRequestHandler } from './handle-dashboard-request.js';
 * import { resolveDashboardConfig } from './resolve-dashboard-config.js';
 * const handle = createRequestHandler(resolveDashboardConfig({ store: createInMemoryEventStore() }));
 * ```
 */
export function createRequestHandler(config: Readonly<ResolvedDashboardConfig>): (exchange: DashboardExchange) => Promise<void> {
  const guard = createApiKeyGuard(config.apiKeys);
  const readAsset = createAssetReader();
  const refreshMillis = Math.round(config.refreshIntervalSeconds * 1000);

  function sessionCookie(exchange: DashboardExchange, value: string, maxAgeSeconds: number): string {
    const path = exchange.mountPath === '' ? '/' : exchange.mountPath;
    return [
      `${sessionCookieName}=${value}`,
      `Path=${path}`,
      'HttpOnly',
      'SameSite=Strict',
      `Max-Age=${maxAgeSeconds}`,
      ...(isSecure(exchange.request) ? ['Secure'] : []),
    ].join('; ');
  }

  function isAuthenticated(request: DashboardRequest): boolean {
    if (!guard.enabled) return true;
    const headerKey = request.headers['x-api-key'];
    // Evaluate every credential, so timing does not say which one was presented.
    const byCookie = guard.verifySessionToken(parseCookies(request.headers.cookie)[sessionCookieName]);
    const byHeader = guard.verifyKey(typeof headerKey === 'string' ? headerKey.trim() : undefined);
    const byBearer = guard.verifyKey(bearerOf(request));
    return byCookie || byHeader || byBearer;
  }

  function unauthorized(exchange: DashboardExchange, query: URLSearchParams, failed: boolean): void {
    if (exchange.path.startsWith('/api/')) {
      sendJson(exchange.response, 401, { error: 'Unauthorized' });
      return;
    }
    query.delete('key');
    const next = `${exchange.path.slice(1)}${query.size > 0 ? `?${query.toString()}` : ''}`;
    sendResponse(exchange.response, {
      status: 401,
      contentType: 'text/html; charset=utf-8',
      body: renderLoginPage({ title: config.title, baseHref: `${exchange.mountPath}/`, next: safeNextPattern.test(next) ? next : '', failed }),
    });
  }

  function redirect(exchange: DashboardExchange, location: string, cookie?: string): void {
    sendResponse(exchange.response, { status: 303, headers: { Location: location, ...(cookie === undefined ? {} : { 'Set-Cookie': cookie }) } });
  }

  function reportFailure(exchange: DashboardExchange, error: unknown, what: string): void {
    config.onError(
      DriftwatchError.isInstance(error)
        ? error
        : new DriftwatchError({ code: 'STORE_FAILED', message: `${what} failed: ${error instanceof Error ? error.message : String(error)}`, cause: error }),
    );
    if (exchange.path.startsWith('/api/')) sendJson(exchange.response, 500, { error: `${what} failed; the server log has the details.` });
    else sendResponse(exchange.response, { status: 500, contentType: 'text/plain; charset=utf-8', body: `${what} failed; the server log has the details.` });
  }

  async function resolveModel(exchange: DashboardExchange, query: URLSearchParams): Promise<{ models: string[]; model: string | undefined } | undefined> {
    const models = await listDashboardModels(config);
    const requested = query.get('model');
    if (requested === null || requested === '') return { models, model: models[0] };
    if (models.includes(requested)) return { models, model: requested };
    if (exchange.path.startsWith('/api/')) sendJson(exchange.response, 404, { error: 'Unknown model.' });
    else sendResponse(exchange.response, { status: 404, contentType: 'text/plain; charset=utf-8', body: 'Unknown model.' });
    return undefined;
  }

  async function handleLogin(exchange: DashboardExchange, query: URLSearchParams): Promise<void> {
    const { request, response, mountPath } = exchange;
    const method = request.method ?? 'GET';
    if (!guard.enabled) return redirect(exchange, `${mountPath}/`);
    if (method === 'GET' || method === 'HEAD') {
      const next = query.get('next') ?? '';
      sendResponse(response, {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: renderLoginPage({ title: config.title, baseHref: `${mountPath}/`, next: safeNextPattern.test(next) ? next : '', failed: false }),
        headOnly: method === 'HEAD',
      });
      return;
    }
    if (method !== 'POST') return sendResponse(response, { status: 405, headers: { Allow: 'GET, HEAD, POST' } });
    if (!isSameOrigin(request)) return sendResponse(response, { status: 403, contentType: 'text/plain; charset=utf-8', body: 'Cross-origin request refused.' });
    const fields = formBody(await readRequestBody(request));
    const next = safeNextPattern.test(fields.next ?? '') ? (fields.next ?? '') : '';
    if (!guard.verifyKey(fields.key?.trim())) {
      sendResponse(response, {
        status: 401,
        contentType: 'text/html; charset=utf-8',
        body: renderLoginPage({ title: config.title, baseHref: `${mountPath}/`, next, failed: true }),
      });
      return;
    }
    redirect(exchange, `${mountPath}/${next}`, sessionCookie(exchange, guard.sessionTokenOf(fields.key!.trim()), config.sessionMaxAgeSeconds));
  }

  async function handleApi(exchange: DashboardExchange, query: URLSearchParams, name: string): Promise<void> {
    const { request, response } = exchange;
    const method = request.method ?? 'GET';
    const isAction = name === 'retrain' || name === 'champion/rollback';
    if (isAction) {
      if (method !== 'POST') return sendJson(response, 405, { error: 'Use POST.' });
      if (!isSameOrigin(request)) return sendJson(response, 403, { error: 'Cross-origin request refused.' });
      // A cross-site form cannot send JSON without a CORS preflight, which we never grant.
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return sendJson(response, 415, { error: 'Send Content-Type: application/json.' });
    } else if (method !== 'GET' && method !== 'HEAD') {
      return sendJson(response, 405, { error: 'Use GET.' });
    }
    const reader = readers[name];
    if (!isAction && name !== 'models' && reader === undefined) return sendJson(response, 404, { error: 'Not found.' });
    const resolved = await resolveModel(exchange, query);
    if (resolved === undefined) return;
    if (name === 'models') return sendJson(response, 200, { models: resolved.models, defaultModel: resolved.model ?? null }, method === 'HEAD');
    const modelName = resolved.model;
    if (modelName === undefined) return sendJson(response, 404, { error: 'No model has logged predictions yet.' });
    const nowMillis = config.clock.now();
    if (isAction) {
      let body: unknown;
      try {
        const raw = await readRequestBody(request);
        body = typeof raw === 'string' ? (raw.trim() === '' ? {} : JSON.parse(raw)) : raw;
      } catch {
        return sendJson(response, 400, { error: 'The body is not JSON of at most 16 KiB.' });
      }
      const result: ActionResult = name === 'retrain' ? await startRetraining(config, modelName) : await rollbackChampion(config, modelName, body, nowMillis);
      return sendJson(response, result.status, result.body);
    }
    const data = await reader!({ config, modelName, nowMillis, rangeSeconds: parseRange(query.get('range'), config.rangeSeconds), query });
    sendJson(response, 200, data, method === 'HEAD');
  }

  return async function handle(exchange: DashboardExchange): Promise<void> {
    const { request, response, path } = exchange;
    const method = (request.method ?? 'GET').toUpperCase();
    const query = new URLSearchParams(exchange.search);
    const isRead = method === 'GET' || method === 'HEAD';
    try {
      if (path.startsWith('/assets/')) {
        if (!isRead) return sendResponse(response, { status: 405, headers: { Allow: 'GET, HEAD' } });
        const asset = readAsset(path.slice('/assets/'.length));
        if (asset === undefined) return sendResponse(response, { status: 404, contentType: 'text/plain; charset=utf-8', body: 'Not found.' });
        if (request.headers['if-none-match'] === asset.etag) return sendResponse(response, { status: 304, headers: { ETag: asset.etag } });
        return sendResponse(response, {
          status: 200,
          contentType: asset.contentType,
          body: asset.body,
          headers: { ETag: asset.etag },
          cacheControl: 'public, max-age=300',
          headOnly: method === 'HEAD',
        });
      }
      if (path === '/login') return await handleLogin(exchange, query);
      if (path === '/logout') {
        if (method !== 'POST') return sendResponse(response, { status: 405, headers: { Allow: 'POST' } });
        return redirect(exchange, `${exchange.mountPath}/login`, sessionCookie(exchange, '', 0));
      }
      if (guard.enabled && isRead && query.has('key')) {
        const key = query.get('key') ?? '';
        if (!guard.verifyKey(key.trim())) return unauthorized(exchange, query, true);
        query.delete('key');
        const location = `${exchange.mountPath}${path}${query.size > 0 ? `?${query.toString()}` : ''}`;
        return redirect(exchange, location, sessionCookie(exchange, guard.sessionTokenOf(key.trim()), config.sessionMaxAgeSeconds));
      }
      if (!isAuthenticated(request)) return unauthorized(exchange, query, false);
      if (path.startsWith('/api/')) return await handleApi(exchange, query, path.slice('/api/'.length).replace(/\/$/, ''));
      const page = pagesByPath.get(path.slice(1).replace(/\/$/, ''));
      if (page === undefined) return sendResponse(response, { status: 404, contentType: 'text/plain; charset=utf-8', body: 'Not found.' });
      if (!isRead) return sendResponse(response, { status: 405, headers: { Allow: 'GET, HEAD' } });
      const resolved = await resolveModel(exchange, query);
      if (resolved === undefined) return;
      sendResponse(response, {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headOnly: method === 'HEAD',
        body: renderPage({
          page,
          title: config.title,
          baseHref: `${exchange.mountPath}/`,
          models: resolved.models,
          model: resolved.model,
          rangeSeconds: parseRange(query.get('range'), config.rangeSeconds),
          refreshMillis,
          guardEnabled: guard.enabled,
          canRetrain: config.startRetraining !== undefined,
          hasRegistry: config.registry !== undefined,
        }),
      });
    } catch (error) {
      reportFailure(exchange, error, path.startsWith('/api/') ? `Reading ${path}` : 'Rendering the page');
    }
  };
}
