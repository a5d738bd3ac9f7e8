import { ServerResponse } from 'node:http';
import type { DriftwatchConfig, DriftwatchCounters } from '../driftwatch-config.js';
import {
  createPredictionPipeline,
  declaresJson,
  isPredictionExchange,
  unauthorizedReply,
  type Admission,
  type JsonReply,
  type PredictionExchange,
} from '../internal/create-prediction-pipeline.js';
import { chain } from '../internal/maybe-promise.js';
import { readJsonBody } from '../internal/read-json-body.js';
import type { DriftwatchMetrics } from '../metrics/create-driftwatch-metrics.js';
import type { ExpressErrorHandler, ExpressHandler, ExpressNext, ExpressRequest, ExpressResponse } from './express-types.js';

/** `res.end` with the fixed parameters the interceptors pass on. */
type EndFunction = (this: ExpressResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) => unknown;


/**
 * Config of {@link createDriftwatchMiddleware}: {@link DriftwatchConfig} whose hooks receive the
 * Express request.
 *
 * @example
 * ```ts
 * import type { DriftwatchMiddlewareConfig } from '@driftwatch/express-middleware';
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * const config: DriftwatchMiddlewareConfig = { modelName: 'churn', modelVersion: '3', store: createInMemoryEventStore() };
 * ```
 */
export type DriftwatchMiddlewareConfig = DriftwatchConfig<ExpressRequest>;

/**
 * The Express middleware for a prediction route, with the companion handlers as properties.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createDriftwatchMiddleware } from '@driftwatch/express-middleware';
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * const app = express();
 * const driftwatch = createDriftwatchMiddleware({ modelName: 'churn', modelVersion: '3', store: createInMemoryEventStore() });
 * app.use(driftwatch.routes); // POST /outcomes, GET /healthz, GET /metrics
 * app.post('/predict', driftwatch, (request, response) => {
 *   response.json({ label: 'Yes', score: 0.71 });
 * });
 * ```
 */
export interface DriftwatchMiddleware extends ExpressHandler {
  /** Serves `outcomesPath` (POST), `healthPath` (GET) and `metricsPath` (GET, when metrics are on); passes anything else on. */
  readonly routes: ExpressHandler;
  /** The outcomes route alone: one outcome or an array; 202 `{ count }`, 422 with the zod issues, 503 when the store fails. */
  readonly outcomesHandler: ExpressHandler;
  /** The health route alone: 200 `{ status: 'ok' }`, never guarded. */
  readonly healthHandler: ExpressHandler;
  /** The metrics route alone, in the Prometheus text format (404 when metrics are off). */
  readonly metricsHandler: ExpressHandler;
  /** The API key guard alone, for your own admin routes (passes everything when `apiKeys` is off). */
  readonly requireApiKey: ExpressHandler;
  /**
   * Optional: records the message of an error thrown by the handler with the logged prediction,
   * then passes the error on unchanged. Mount it after your routes. Without it, errors are
   * still logged, as `HTTP 500`.
   */
  readonly errorHandler: ExpressErrorHandler;
  /** The Prometheus metrics, when on. */
  readonly metrics: DriftwatchMetrics | undefined;
  readonly counters: Readonly<DriftwatchCounters>;
  /** Flushes the prediction logger (shutting it down when the middleware created it). Idempotent. */
  shutdown(): Promise<void>;
}

/**
 * Creates the Express middleware that monitors an existing prediction route, in one line:
 * `app.post('/predict', driftwatch, handler)`. For each request it:
 *
 * 1. checks the API key when `apiKeys` is on (401, no hint of what failed);
 * 2. reads the JSON body when no parser has (size limit `maxBodyBytes`; 400, 413, 415), and
 *    validates it with `schema` (422 with the issues; the handler is not called; counted in
 *    `invalidBodies`, never logged as a prediction);
 * 3. routes it with the `ModelRouter` (sticky by `getUnitKey`) and gives the handler
 *    `res.locals.driftwatch = { predictionId, route }`;
 * 4. answers from the prediction cache on a hit (logged with `cacheHit: true`);
 * 5. returns the prediction id in the `X-Prediction-Id` header, intercepts `res.json`/`res.end`,
 *    and logs the features, the prediction and the latency (monotonic clock) without awaiting anything
 *    once the response is written; a handler error or a status ≥ 400 is logged with status `error`;
 * 6. scores the shadow version, if the decision has one, after the response (`setImmediate`).
 *
 * Monitoring failures (store, hooks, cache, router) never fail the request: they go to `onError`.
 * The body is read here only when `request.body` is `undefined`; with `express.json()` in
 * front, its own `limit` applies.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { z } from 'zod';
 * import { createSqliteEventStore } from '@driftwatch/adapters';
 * import { createDriftwatchMiddleware } from '@driftwatch/express-middleware';
 *
 * const store = createSqliteEventStore({ filename: './driftwatch.db' });
 * await store.migrate();
 * const driftwatch = createDriftwatchMiddleware({
 *   modelName: 'churn',
 *   modelVersion: '3',
 *   store,
 *   schema: z.object({ tenure: z.number(), Contract: z.string() }),
 * });
 * const app = express();
 * app.use(driftwatch.routes);
 * app.post('/predict', driftwatch, (request, response) => response.json({ label: 'Yes', score: 0.71 }));
 * process.on('SIGTERM', () => void driftwatch.shutdown());
 * ```
 */
export function createDriftwatchMiddleware(config: DriftwatchMiddlewareConfig): DriftwatchMiddleware {
  const pipeline = createPredictionPipeline<ExpressRequest>(config);
  const settings = pipeline.settings;
  /** Where the exchange of a monitored response waits for the interceptors and `errorHandler`; one key per middleware, so that two on one route keep apart. */
  const exchangeKey = Symbol('driftwatch.exchange');

  /**
   * Hands the exchange to the handler, answers from the cache, or sends the reply to an invalid
   * body; true when the handler should run.
   */
  function start(response: ExpressResponse, admission: Admission): boolean {
    if (!isPredictionExchange(admission)) {
      sendJson(response, admission, false);
      return false;
    }
    const exchange = admission;
    const cached = exchange.cached;
    // One read of `locals`: every property read of an Express response is a slow lookup (Express
    // sets the prototype of each request and response, and their property caches go megamorphic).
    const locals = response.locals;
    locals.driftwatch = exchange;
    response.setHeader(settings.predictionIdHeader, exchange.predictionId);
    if (cached !== undefined) {
      response.statusCode = 200;
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.setHeader('content-length', Buffer.byteLength(cached.body));
      response.setHeader('x-driftwatch-cache', 'hit');
      response.end(cached.body);
      pipeline.finishFromCache(exchange, cached);
      return false;
    }
    // Kept in res.locals (already a per-request dictionary) for the interceptors and errorHandler;
    // a WeakMap would cost the GC, a property of the response an extra map transition.
    locals[exchangeKey] = exchange;
    intercept(response);
    return true;
  }

  /** Admits a request whose body has just been read (see `continueAsync`). */
  function admitRead(request: ExpressRequest, response: ExpressResponse, body: unknown, proceed: () => void, fail: (error: unknown) => void): void {
    chain(
      pipeline.admit(request, body),
      (admission) => {
        if (start(response, admission)) proceed();
      },
      fail,
    );
  }

  /**
   * How responses are intercepted: `json` and `end` of the response prototype Express gives every
   * response of an app (`app.response`, documented as the place for such additions) are wrapped
   * once, the first time this middleware sees that prototype; the wrappers capture the body of
   * responses whose `res.locals` holds this middleware's exchange, and pass every other response
   * straight through. Nothing is assigned to the response itself: per request, both an own
   * `json`/`end` pair and a swapped prototype measured in microseconds (about 3 µs for
   * `Object.setPrototypeOf` on this machine, more than the rest of the middleware together).
   *
   * Node's own `http.ServerResponse.prototype` is never wrapped (that would touch every server in
   * the process): without Express's per-app prototype, and when a middleware in front has put
   * its own `json` or `end` on the response (compression, say), the interceptors are assigned to
   * that response instead.
   */
  const wrappedPrototypes = new WeakSet<object>();
  let lastWrapped: object | undefined;

  /**
   * `json` and `end` that capture the response of this middleware's exchange (found in
   * `res.locals`) around the given originals, and pass every other call straight through.
   */
  function capturing(originalJson: ExpressResponse['json'], originalEnd: EndFunction): { json: ExpressResponse['json']; end: EndFunction } {
    return {
      json: function json(this: ExpressResponse, body?: unknown) {
        const exchange = this.locals?.[exchangeKey] as PredictionExchange | undefined;
        if (exchange !== undefined && !exchange.responseEnded) {
          exchange.captured = body;
          exchange.hasBody = true;
        }
        return originalJson.call(this, body);
      },
      // Fixed parameters rather than rest and apply: this runs on every response of the app.
      end: function end(this: ExpressResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) {
        const exchange = this.locals?.[exchangeKey] as PredictionExchange | undefined;
        if (exchange === undefined || exchange.responseEnded) return originalEnd.call(this, chunk, encoding, callback);
        exchange.responseEnded = true;
        const result = originalEnd.call(this, chunk, encoding, callback);
        afterEnd(this, exchange, chunk);
        return result;
      },
    };
  }

  function wrapPrototype(prototype: ExpressResponse): void {
    const { json, end } = capturing(prototype.json, prototype.end as EndFunction);
    Object.defineProperties(prototype, {
      json: { configurable: true, writable: true, value: json },
      end: { configurable: true, writable: true, value: end },
    });
    wrappedPrototypes.add(prototype);
  }

  function afterEnd(response: ExpressResponse, exchange: PredictionExchange, chunk: unknown): void {
    try {
      if (!exchange.hasBody && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
        // res.send(jsonText) or res.end(jsonText): kept for parsing only when declared JSON.
        if (declaresJson(response.getHeader('content-type'))) exchange.capturedText = chunk.toString();
      }
      pipeline.finish(exchange, response.statusCode);
    } catch (error) {
      pipeline.reportUnexpected('response interception', error);
    }
  }

  function intercept(response: ExpressResponse): void {
    const prototype = Object.getPrototypeOf(response) as ExpressResponse;
    if (prototype === lastWrapped) return;
    if (Object.hasOwn(response, 'end') || Object.hasOwn(response, 'json') || prototype === ServerResponse.prototype || typeof prototype.json !== 'function') {
      // Wrapped as own properties, around what the response has now.
      const { json, end } = capturing(response.json, response.end as EndFunction);
      response.json = json;
      response.end = end as ExpressResponse['end'];
      return;
    }
    if (!wrappedPrototypes.has(prototype)) wrapPrototype(prototype);
    lastWrapped = prototype;
  }

  /** The asynchronous path (body not parsed yet, an asynchronous schema, a router or cache): closures are fine here. */
  function continueAsync(request: ExpressRequest, response: ExpressResponse, next: ExpressNext, pending: Promise<unknown>, stage: 'read' | 'admit'): void {
    let passedOn = false;
    const proceed = (): void => {
      passedOn = true;
      next();
    };
    const fail = (error: unknown): void => {
      // A bug of ours: serve the request unmonitored rather than fail it.
      pipeline.reportUnexpected('middleware', error);
      if (!passedOn && !response.headersSent) proceed();
    };
    if (stage === 'admit') {
      (pending as Promise<Admission>)
        .then((admission) => {
          if (start(response, admission)) proceed();
        })
        .catch(fail);
    } else {
      (pending as ReturnType<typeof readJsonBody>)
        .then((read) => {
          if (!read.ok) {
            pipeline.rejectBody(read.reason);
            return sendJson(response, { statusCode: read.statusCode, payload: { error: read.reason, message: read.message } }, read.closeConnection);
          }
          request.body = read.value;
          admitRead(request, response, read.value, proceed, fail);
        })
        .catch(fail);
    }
  }

  // Written without async/await, and without a closure per request on the synchronous path: with
  // express.json() in front, a synchronous schema and no router, the whole path is synchronous,
  // and promises or closures per request cost measurable throughput.
  const middleware = function driftwatch(request: ExpressRequest, response: ExpressResponse, next: ExpressNext): void {
    let passedOn = false;
    try {
      pipeline.countRequest();
      if (!pipeline.authenticate(request, 'predict')) return sendUnauthorized(response);
      const body: unknown = request.body;
      if (body === undefined) return continueAsync(request, response, next, readJsonBody(request, settings.maxBodyBytes), 'read');
      const admission = pipeline.admit(request, body);
      if (admission instanceof Promise) return continueAsync(request, response, next, admission, 'admit');
      if (start(response, admission)) {
        passedOn = true;
        next();
      }
    } catch (error) {
      // A bug of ours: serve the request unmonitored rather than fail it.
      pipeline.reportUnexpected('middleware', error);
      if (!passedOn && !response.headersSent) next();
    }
  };

  const outcomesHandler: ExpressHandler = (request, response) => {
    void (async () => {
      if (!pipeline.authenticate(request, 'admin')) return sendUnauthorized(response);
      let body = request.body;
      if (body === undefined) {
        const read = await readJsonBody(request, settings.maxBodyBytes);
        if (!read.ok) {
          return sendJson(response, { statusCode: read.statusCode, payload: { error: read.reason, message: read.message } }, read.closeConnection);
        }
        body = read.value;
      }
      sendJson(response, await pipeline.recordOutcomes(body), false);
    })().catch((error: unknown) => {
      pipeline.reportUnexpected('outcomes route', error);
      if (!response.headersSent) sendJson(response, { statusCode: 500, payload: { error: 'internal_error' } }, false);
    });
  };

  const healthHandler: ExpressHandler = (_request, response) => {
    sendJson(response, { statusCode: 200, payload: { status: 'ok' } }, false);
  };

  const metricsHandler: ExpressHandler = (request, response) => {
    if (!pipeline.authenticate(request, 'admin')) return sendUnauthorized(response);
    if (settings.metrics === undefined) return sendJson(response, { statusCode: 404, payload: { error: 'not_found' } }, false);
    pipeline.renderMetrics().then(
      ({ contentType, text }) => {
        response.statusCode = 200;
        response.setHeader('content-type', contentType);
        response.end(text);
      },
      (error: unknown) => {
        pipeline.reportUnexpected('metrics route', error);
        if (!response.headersSent) sendJson(response, { statusCode: 500, payload: { error: 'internal_error' } }, false);
      },
    );
  };

  const requireApiKey: ExpressHandler = (request, response, next) => {
    if (pipeline.authenticate(request, 'admin')) next();
    else sendUnauthorized(response);
  };

  const routes: ExpressHandler = (request, response, next) => {
    const path = request.path ?? (request.url ?? '/').split('?')[0];
    const method = request.method;
    if (method === 'POST' && path === settings.outcomesPath) return outcomesHandler(request, response, next);
    if ((method === 'GET' || method === 'HEAD') && path === settings.healthPath) return healthHandler(request, response, next);
    if (method === 'GET' && path === settings.metricsPath && settings.metrics !== undefined) return metricsHandler(request, response, next);
    next();
  };

  // Four parameters: that is how Express tells an error handler.
  const errorHandler: ExpressErrorHandler = (error, _request, response, next) => {
    const exchange = response.locals?.[exchangeKey] as PredictionExchange | undefined;
    if (exchange !== undefined && exchange.errorMessage === undefined) {
      exchange.errorMessage = error instanceof Error ? error.message : String(error);
    }
    next(error);
  };

  const handle = Object.assign(middleware, {
    routes,
    outcomesHandler,
    healthHandler,
    metricsHandler,
    requireApiKey,
    errorHandler,
    metrics: settings.metrics,
    shutdown: pipeline.shutdown,
  });
  Object.defineProperty(handle, 'counters', { get: () => pipeline.counters, enumerable: true });
  return Object.freeze(handle) as unknown as DriftwatchMiddleware;
}

function sendUnauthorized(response: ExpressResponse): void {
  response.setHeader('www-authenticate', 'Bearer');
  sendJson(response, unauthorizedReply, false);
}

function sendJson(response: ExpressResponse, reply: JsonReply, closeConnection: boolean): void {
  const text = JSON.stringify(reply.payload);
  response.statusCode = reply.statusCode;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('content-length', Buffer.byteLength(text));
  if (closeConnection) response.setHeader('connection', 'close');
  response.end(text);
}

