import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  onErrorHookHandler,
  onRequestHookHandler,
  onSendHookHandler,
  RouteHandlerMethod,
  RouteOptions,
} from 'fastify';
import { fastifyPlugin } from 'fastify-plugin';
import type { DriftwatchConfig, DriftwatchCounters, DriftwatchRequestContext } from '../driftwatch-config.js';
import {
  createPredictionPipeline,
  declaresJson,
  isPredictionExchange,
  unauthorizedReply,
  type Admission,
  type PredictionExchange,
} from '../internal/create-prediction-pipeline.js';
import { isPromiseLike } from '../internal/maybe-promise.js';
import type { DriftwatchMetrics, InvalidBodyReason } from '../metrics/create-driftwatch-metrics.js';

/**
 * Options of {@link driftwatchFastify}: {@link DriftwatchConfig} whose hooks receive the Fastify
 * request.
 *
 * @example
 * ```ts
 * import type { DriftwatchFastifyOptions } from '@driftwatch/express-middleware/fastify';
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * const options: DriftwatchFastifyOptions = { modelName: 'churn', modelVersion: '3', store: createInMemoryEventStore() };
 * ```
 */
export type DriftwatchFastifyOptions = DriftwatchConfig<FastifyRequest>;

/**
 * What the plugin decorates the Fastify instance with, as `fastify.driftwatch`.
 *
 * @example
 * ```ts
 * import type { FastifyInstance } from 'fastify';
 * import '@driftwatch/express-middleware/fastify';
 * function protect(app: FastifyInstance) {
 *   app.get('/admin/stats', { onRequest: app.driftwatch.requireApiKey }, async () => app.driftwatch.counters);
 * }
 * ```
 */
export interface DriftwatchFastifyHandle {
  readonly counters: Readonly<DriftwatchCounters>;
  /** The Prometheus metrics, when on. */
  readonly metrics: DriftwatchMetrics | undefined;
  /** The API key guard, as an `onRequest` hook for your own admin routes (passes everything when `apiKeys` is off). */
  readonly requireApiKey: onRequestHookHandler;
  /** Flushes the prediction logger; also runs in the instance's `onClose`. Idempotent. */
  shutdown(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `@driftwatch/express-middleware/fastify` on routes with `config: { driftwatch: true }`. */
    driftwatch: DriftwatchRequestContext | null;
  }
  interface FastifyInstance {
    driftwatch: DriftwatchFastifyHandle;
  }
  interface FastifyContextConfig {
    /** Monitor this route with Driftwatch. */
    driftwatch?: boolean;
  }
}

/** The exchange of a monitored request: `request.driftwatch` is it (one decorator, one object per request). */
function exchangeOf(request: FastifyRequest): PredictionExchange | undefined {
  const exchange: unknown = request.driftwatch;
  return isPredictionExchange(exchange) ? exchange : undefined;
}

/**
 * Keeps what a handler answered with when Fastify will serialize it as JSON: anything but the
 * reply itself (sent with `reply.send`), `undefined`, `null`, text, bytes and streams, the
 * payloads Fastify's own `preSerialization` hooks skip too.
 */
function capture(exchange: PredictionExchange, reply: FastifyReply, payload: unknown): void {
  if (payload === reply || payload === undefined || payload === null || typeof payload === 'string' || payload instanceof Uint8Array) return;
  if (typeof (payload as { pipe?: unknown }).pipe === 'function') return;
  exchange.captured = payload;
  exchange.hasBody = true;
}

/** The handler's rejection is Fastify's to handle (it gets the same promise); our reaction only reads the value. */
function ignoreRejection(): void {}

/** Fastify's own body errors, counted as invalid bodies on monitored routes. */
const bodyErrorReasons: Readonly<Record<string, InvalidBodyReason>> = Object.freeze({
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_json',
});

const plugin: FastifyPluginAsync<DriftwatchFastifyOptions> = async (fastify: FastifyInstance, options: DriftwatchFastifyOptions) => {
  const pipeline = createPredictionPipeline<FastifyRequest>(options);
  const settings = pipeline.settings;

  // One request decorator only. Fastify sets every decorator in a loop over their names, a keyed
  // store that turns megamorphic from the second name on: with a second decorator the bench route
  // ran 26k more instructions per request under callgrind (162k against 136k). So the exchange
  // is the context handlers read.
  fastify.decorateRequest('driftwatch', null);

  function sendUnauthorized(reply: FastifyReply): void {
    void reply.code(unauthorizedReply.statusCode).header('www-authenticate', 'Bearer').send(unauthorizedReply.payload);
  }

  const requireApiKey: onRequestHookHandler = (request, reply, done) => {
    if (pipeline.authenticate(request, 'admin')) done();
    else sendUnauthorized(reply);
  };

  // Only on guarded routes: an accepted request is counted by the handler wrapper, a refused one here.
  const onRequest: onRequestHookHandler = (request, reply, done) => {
    if (pipeline.authenticate(request, 'predict')) return done();
    pipeline.countRequest();
    sendUnauthorized(reply);
  };

  /**
   * Hands the exchange to the handler, answers from the cache, or sends the reply to an invalid
   * body; returns the exchange when the handler should run.
   */
  function start(request: FastifyRequest, reply: FastifyReply, admission: Admission): PredictionExchange | undefined {
    if (!isPredictionExchange(admission)) {
      void reply.code(admission.statusCode).send(admission.payload);
      return undefined;
    }
    const cached = admission.cached;
    // The exchange is the context and carries the captured response: no second object per request.
    request.driftwatch = admission;
    void reply.header(settings.predictionIdHeader, admission.predictionId);
    if (cached === undefined) return admission;
    pipeline.finishFromCache(admission, cached);
    void reply.code(200).header('x-driftwatch-cache', 'hit').type('application/json; charset=utf-8').send(cached.body);
    return undefined;
  }

  /** A bug of ours: the request is served unmonitored rather than failed. */
  function runUnmonitored(instance: FastifyInstance, handler: RouteHandlerMethod, request: FastifyRequest, reply: FastifyReply, error: unknown): unknown {
    pipeline.reportUnexpected('plugin', error);
    return reply.sent ? reply : handler.call(instance, request, reply);
  }

  /** The asynchronous path (an asynchronous schema, a router or cache): Fastify awaits the promise a handler returns. */
  async function continueAsync(instance: FastifyInstance, handler: RouteHandlerMethod, request: FastifyRequest, reply: FastifyReply, pending: Promise<Admission>): Promise<unknown> {
    let exchange: PredictionExchange | undefined;
    try {
      exchange = start(request, reply, await pending);
    } catch (error) {
      return runUnmonitored(instance, handler, request, reply, error);
    }
    return exchange === undefined ? reply : runHandler(instance, handler, request, reply, exchange);
  }

  /**
   * The monitored route's handler: validation, routing and the cache lookup, then the route's
   * own handler. A wrapper rather than a `preValidation` hook, for two reasons. The route's own
   * hooks (an authorization `preHandler`, say) decide first, so a request they refuse is neither
   * validated (no schema details for a refused caller) nor counted or logged as a prediction. And
   * it is one hook phase fewer per request (Fastify's hook runner allocates 200–500 bytes per
   * phase, though pass-through hooks measured no throughput cost). Callback-free and synchronous
   * with no router and a synchronous schema: promises or closures per request cost measurable
   * throughput.
   */
  function runMonitored(instance: FastifyInstance, handler: RouteHandlerMethod, request: FastifyRequest, reply: FastifyReply): unknown {
    let exchange: PredictionExchange | undefined;
    try {
      pipeline.countRequest();
      const admission = pipeline.admit(request, request.body);
      if (admission instanceof Promise) return continueAsync(instance, handler, request, reply, admission);
      exchange = start(request, reply, admission);
    } catch (error) {
      return runUnmonitored(instance, handler, request, reply, error);
    }
    return exchange === undefined ? reply : runHandler(instance, handler, request, reply, exchange);
  }

  /**
   * Calls the route's handler and keeps the value it answers with (returned, or resolved), which
   * Fastify is about to serialize: the prediction, read without parsing the response back. A
   * `preSerialization` hook would see it too, but a hook phase on every response runs more of
   * Fastify's code per request than this. A handler that sends with `reply.send` itself is read
   * from the JSON text in `onSend`.
   */
  function runHandler(instance: FastifyInstance, handler: RouteHandlerMethod, request: FastifyRequest, reply: FastifyReply, exchange: PredictionExchange): unknown {
    const result: unknown = handler.call(instance, request, reply);
    if (!isPromiseLike(result)) {
      capture(exchange, reply, result);
      return result;
    }
    // Our reaction is registered before Fastify's, so it runs first; Fastify gets the handler's
    // own promise (a thenable as a native one), one promise hop fewer than a chained one, and
    // handles its rejection.
    const promise = result instanceof Promise ? result : Promise.resolve(result);
    promise.then((payload: unknown) => capture(exchange, reply, payload), ignoreRejection);
    return promise;
  }

  /**
   * Ends the monitored request (its record is built in the logger's next batch). A value the
   * handler answered with was kept by `runHandler`; JSON text it sent itself (or an object it
   * passed to `reply.send`) is kept here, and parsed for the prediction only then: parsing every
   * response back would cost about 3,000 instructions per request under callgrind, most of them
   * reading the score's digits.
   */
  const onSend: onSendHookHandler<unknown> = (request, reply, payload, done) => {
    const state = exchangeOf(request);
    if (state !== undefined && state.cached === undefined) {
      try {
        // The text is kept only where it is read: for the prediction when no object was captured,
        // or as Fastify's serialization of the captured object when the cache will store it. Kept
        // otherwise, every response's text would live on until the logger's batch settles it.
        if (typeof payload === 'string' && (state.hasBody ? state.cacheKey !== undefined : declaresJson(reply.getHeader('content-type')))) {
          state.capturedText = payload;
        }
        pipeline.finish(state, reply.statusCode);
      } catch (error) {
        pipeline.reportUnexpected('response interception', error);
      }
    }
    done(null, payload);
  };

  const onError: onErrorHookHandler = (request, _reply, error, done) => {
    const state = exchangeOf(request);
    if (state !== undefined) {
      state.errorMessage ??= error.message;
    } else {
      // Fastify refused the body before the handler wrapper could count the request.
      const reason = bodyErrorReasons[(error as { code?: string }).code ?? ''] ?? (error instanceof SyntaxError ? 'invalid_json' : undefined);
      if (reason !== undefined) {
        pipeline.countRequest();
        pipeline.rejectBody(reason);
      }
    }
    done();
  };

  fastify.addHook('onRoute', (routeOptions: RouteOptions) => {
    if (routeOptions.config?.driftwatch !== true) return;
    routeOptions.bodyLimit ??= settings.maxBodyBytes;
    // Ours first where we must see the request before the route's own hooks; last where we must see their result.
    if (settings.apiKeyVerifier !== undefined) routeOptions.onRequest = [onRequest, ...asArray(routeOptions.onRequest)];
    const handler = routeOptions.handler;
    routeOptions.handler = function driftwatchHandler(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      return runMonitored(this, handler, request, reply);
    };
    routeOptions.onSend = [onSend as never, ...asArray(routeOptions.onSend)];
    routeOptions.onError = [...asArray(routeOptions.onError), onError];
  });

  if (settings.outcomesPath !== false) {
    fastify.post(settings.outcomesPath, { bodyLimit: settings.maxBodyBytes, onRequest: requireApiKey }, async (request, reply) => {
      const result = await pipeline.recordOutcomes(request.body);
      return reply.code(result.statusCode).send(result.payload);
    });
  }
  if (settings.healthPath !== false) {
    fastify.get(settings.healthPath, async () => ({ status: 'ok' }));
  }
  if (settings.metricsPath !== false && settings.metrics !== undefined) {
    fastify.get(settings.metricsPath, { onRequest: requireApiKey }, async (_request, reply) => {
      const { contentType, text } = await pipeline.renderMetrics();
      return reply.type(contentType).send(text);
    });
  }

  const handle: DriftwatchFastifyHandle = Object.freeze({
    get counters() {
      return pipeline.counters;
    },
    metrics: settings.metrics,
    requireApiKey,
    shutdown: pipeline.shutdown,
  });
  fastify.decorate('driftwatch', handle);
  fastify.addHook('onClose', async () => {
    await pipeline.shutdown();
  });
};

function asArray<Hook>(hooks: Hook | Hook[] | undefined): Hook[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}

/**
 * The Fastify plugin that monitors prediction routes: register it once, then mark each route
 * with `config: { driftwatch: true }`. It does for those routes what `createDriftwatchMiddleware`
 * does in Express (API key guard in `onRequest`; Standard Schema validation, routing and the
 * cache in a wrapper around the route's handler, after the route's own hooks, which also keeps
 * the value the handler answers with; the end of the response in `onSend`; handler errors from
 * `onError`), and registers the outcomes, health and metrics routes. It exposes
 * `request.driftwatch = { predictionId, route }` to handlers and `fastify.driftwatch` to the
 * app, and flushes the logger in `onClose`.
 *
 * Fastify parses the body: invalid JSON gets its 400, an unknown content type its 415, a body
 * over `maxBodyBytes` (the route's `bodyLimit` unless it sets one) its 413; all are counted as
 * invalid bodies.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { driftwatchFastify } from '@driftwatch/express-middleware/fastify';
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 *
 * const app = Fastify();
 * await app.register(driftwatchFastify, { modelName: 'churn', modelVersion: '3', store: createInMemoryEventStore() });
 * app.post('/predict', { config: { driftwatch: true } }, async () => ({ label: 'Yes', score: 0.71 }));
 * ```
 */
export const driftwatchFastify = fastifyPlugin(plugin, { fastify: '5.x', name: '@driftwatch/express-middleware' });
