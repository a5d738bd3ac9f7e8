import { performance } from 'node:perf_hooks';
import { createPredictionId, DriftwatchError, type Prediction, type PredictionInput, type RouteDecision } from '@driftwatch/core';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { CachedPrediction } from '../cache/prediction-cache.js';
import { predictionCacheKey } from '../cache/prediction-cache-key.js';
import type { DriftwatchConfig, DriftwatchCounters, DriftwatchRequest, DriftwatchRequestContext } from '../driftwatch-config.js';
import type { InvalidBodyReason } from '../metrics/create-driftwatch-metrics.js';
import { exceedsDepth } from './exceeds-depth.js';
import { isPromiseLike, type MaybePromise } from './maybe-promise.js';
import { parseOutcomes } from './parse-outcomes.js';
import { resolveDriftwatchConfig, type ResolvedDriftwatchConfig } from './resolve-driftwatch-config.js';
import { toIssueList, type BodyIssue } from './to-issue-list.js';

/**
 * One monitored request, from validation to the logged prediction. It is also what handlers see
 * as the request context (`request.driftwatch`, `res.locals.driftwatch`): one object per request
 * rather than two.
 */
export interface PredictionExchange extends DriftwatchRequestContext {
  /** `undefined` when the features could not be read: the request is then served unmonitored. */
  readonly features: Record<string, unknown> | undefined;
  readonly requestId: string | undefined;
  readonly cacheKey: string | undefined;
  /** The cached response on a cache hit. */
  readonly cached: CachedPrediction | undefined;
  /** `performance.now()` at the start: no BigInt allocated per request, as `process.hrtime.bigint()` would. */
  readonly startedAt: number;
  /** The response body captured by a framework adapter, when it saw one. */
  captured: unknown;
  hasBody: boolean;
  /**
   * The response as JSON text, when the adapter saw text declared JSON: parsed for the
   * prediction when no body was captured, and what the cache stores.
   */
  capturedText: string | undefined;
  /** Set by the Express adapter once the response was ended: later calls go straight through. */
  responseEnded: boolean;
  /** The handler's error, when the framework reported one. */
  errorMessage: string | undefined;
  finished: boolean;
  /** Set by `finish`: the response's status, and the latency up to then. */
  statusCode: number;
  latencyMillis: number;
}

/**
 * The one implementation of {@link PredictionExchange}; adapters recognise it with
 * {@link isPredictionExchange}. Handlers get it as their request context, so only `predictionId`
 * and `route` are its own properties: the rest is private state behind accessors, which
 * `JSON.stringify`, spreading and `Object.keys` do not see.
 */
class Exchange implements PredictionExchange {
  readonly #features: Record<string, unknown> | undefined;
  readonly #requestId: string | undefined;
  readonly #cacheKey: string | undefined;
  readonly #cached: CachedPrediction | undefined;
  readonly #startedAt: number;
  #captured: unknown = undefined;
  #hasBody = false;
  #capturedText: string | undefined = undefined;
  #responseEnded = false;
  #errorMessage: string | undefined = undefined;
  #finished = false;
  #statusCode = 0;
  #latencyMillis = 0;

  constructor(
    readonly predictionId: string,
    readonly route: RouteDecision,
    features: Record<string, unknown> | undefined,
    requestId: string | undefined,
    cacheKey: string | undefined,
    cached: CachedPrediction | undefined,
    startedAt: number,
  ) {
    this.#features = features;
    this.#requestId = requestId;
    this.#cacheKey = cacheKey;
    this.#cached = cached;
    this.#startedAt = startedAt;
  }

  get features(): Record<string, unknown> | undefined {
    return this.#features;
  }
  get requestId(): string | undefined {
    return this.#requestId;
  }
  get cacheKey(): string | undefined {
    return this.#cacheKey;
  }
  get cached(): CachedPrediction | undefined {
    return this.#cached;
  }
  get startedAt(): number {
    return this.#startedAt;
  }
  get captured(): unknown {
    return this.#captured;
  }
  set captured(body: unknown) {
    this.#captured = body;
  }
  get hasBody(): boolean {
    return this.#hasBody;
  }
  set hasBody(value: boolean) {
    this.#hasBody = value;
  }
  get capturedText(): string | undefined {
    return this.#capturedText;
  }
  set capturedText(text: string | undefined) {
    this.#capturedText = text;
  }
  get responseEnded(): boolean {
    return this.#responseEnded;
  }
  set responseEnded(value: boolean) {
    this.#responseEnded = value;
  }
  get errorMessage(): string | undefined {
    return this.#errorMessage;
  }
  set errorMessage(message: string | undefined) {
    this.#errorMessage = message;
  }
  get finished(): boolean {
    return this.#finished;
  }
  set finished(value: boolean) {
    this.#finished = value;
  }
  get statusCode(): number {
    return this.#statusCode;
  }
  set statusCode(value: number) {
    this.#statusCode = value;
  }
  get latencyMillis(): number {
    return this.#latencyMillis;
  }
  set latencyMillis(value: number) {
    this.#latencyMillis = value;
  }
}

/** True for an exchange made by a pipeline: what an adapter finds in the request slot it shares with handlers. */
export function isPredictionExchange(value: unknown): value is PredictionExchange {
  return value instanceof Exchange;
}

/** True for a `content-type` header that declares JSON (`application/json`, `application/problem+json`…): the only response text the adapters keep for parsing. */
export function declaresJson(contentType: unknown): boolean {
  return typeof contentType === 'string' && contentType.includes('json');
}

/** An HTTP answer the framework adapters send as JSON. */
export interface JsonReply {
  statusCode: number;
  payload: unknown;
}

/** What {@link PredictionPipeline.admit} gives the adapter: the exchange to hand to the handler (`cached` set on a cache hit), or the reply to an invalid body. */
export type Admission = PredictionExchange | JsonReply;

/** A body the checks refused, with the reply it gets: told apart from a validated value (any value) by its class. */
class RefusedBody {
  constructor(readonly reply: JsonReply) {}
}

/** What the framework adapters need: everything but reading and writing HTTP. */
export interface PredictionPipeline<Request extends DriftwatchRequest> {
  readonly settings: ResolvedDriftwatchConfig<Request>;
  readonly counters: Readonly<DriftwatchCounters>;
  /** Counts a request to the wrapped route. */
  countRequest(): void;
  /**
   * True when no API key is required or a valid one is present; otherwise counts the refusal (in
   * the request metrics too for `predict`). Takes the request, not its headers: with keys off
   * the headers are not read (in Express every property read of a request is a slow lookup).
   */
  authenticate(request: DriftwatchRequest, route: 'predict' | 'admin'): boolean;
  /** Counts a body the framework refused before validation (bad JSON, too large, wrong type). */
  rejectBody(reason: InvalidBodyReason): void;
  /**
   * Admits a request to the monitored route: checks `body` (the request's, which the adapter has
   * read already) for depth and against the schema (counting and describing a bad body), sets
   * `request.body` to the validated value, reads the features, routes, and looks the cache up.
   * Synchronous unless the schema, a router or the cache answers asynchronously, and then a
   * native `Promise` (adapters test `instanceof Promise`): one call, and nothing allocated but
   * the exchange, on the common path. The body is read from the request once, by the adapter,
   * and the validated value is handed on rather than read back.
   */
  admit(request: Request, body: unknown): MaybePromise<Admission>;
  /**
   * Logs a response the adapter is writing: its status, the latency up to now, and the body the
   * adapter captured (`captured`, or `capturedText`, parsed here only when no body was captured).
   */
  finish(exchange: PredictionExchange, statusCode: number): void;
  /** Logs a response served from the cache. */
  finishFromCache(exchange: PredictionExchange, cached: CachedPrediction): void;
  recordOutcomes(body: unknown): Promise<JsonReply>;
  renderMetrics(): Promise<{ contentType: string; text: string }>;
  /** Reports an unexpected failure of the middleware itself; the request then carries on unmonitored. */
  reportUnexpected(activity: string, error: unknown): void;
  shutdown(): Promise<void>;
}

export const unauthorizedReply: JsonReply = Object.freeze({ statusCode: 401, payload: Object.freeze({ error: 'unauthorized' }) });

/** What {@link responseBodyOf} gives for a response without a readable body (`undefined` is a body: `res.json(undefined)`). */
const noBody: unique symbol = Symbol('no response body');
const errorReportIntervalMillis = 10_000;
const shutdownWaitMillis = 5000;
const maxRequestIdLength = 200;
/** The wall-clock time at which `performance.now()` counts from. */
const timeOrigin = performance.timeOrigin;

/** The framework-neutral core of the Express middleware and the Fastify plugin. */
export function createPredictionPipeline<Request extends DriftwatchRequest>(config: DriftwatchConfig<Request>): PredictionPipeline<Request> {
  const settings = resolveDriftwatchConfig(config);
  const { logger, metrics, cache, modelName } = settings;
  const counters: DriftwatchCounters = {
    requests: 0,
    predictions: 0,
    errors: 0,
    invalidBodies: 0,
    unauthorized: 0,
    cacheHits: 0,
    cacheMisses: 0,
    shadowScored: 0,
    shadowSkipped: 0,
    monitoringErrors: 0,
  };
  // Bound once: absent on loggers that do not implement it (finish then logs at once).
  const logLater = logger.logLater?.bind(logger);
  const lastReportedMillis = new Map<string, number>();
  const shadowsInFlight = new Set<Promise<void>>();
  let shuttingDown: Promise<void> | undefined;

  /** Every monitoring failure goes through here: counted always, reported at most once per source every 10 s. */
  function report(source: string, error: unknown, code: DriftwatchError['code'] = 'INVALID_ARGUMENT'): void {
    counters.monitoringErrors++;
    const nowMillis = Date.now();
    const last = lastReportedMillis.get(source);
    if (last !== undefined && nowMillis - last < errorReportIntervalMillis) return;
    lastReportedMillis.set(source, nowMillis);
    const wrapped = DriftwatchError.isInstance(error)
      ? error
      : new DriftwatchError({
          code,
          message: `Driftwatch ${source} failed: ${error instanceof Error ? error.message : String(error)}`,
          cause: error,
          details: { source },
        });
    try {
      settings.onError(wrapped);
    } catch {
      // A failing hook must not break the host.
    }
  }

  function rejectBody(reason: InvalidBodyReason): void {
    counters.invalidBodies++;
    metrics?.recordInvalidBody(modelName, reason);
    metrics?.recordRequest({ modelName, modelVersion: settings.unroutedVersionLabel, status: 'invalid_body' });
  }

  function invalid(reason: InvalidBodyReason, issues: BodyIssue[]): RefusedBody {
    rejectBody(reason);
    return new RefusedBody({ statusCode: 422, payload: { error: 'invalid_body', issues } });
  }

  function checkValidated(value: unknown): unknown {
    // Without a getFeatures hook the body is the features, so it must be an object.
    if (settings.getFeatures === undefined && !isPlainObject(value)) {
      return invalid('not_an_object', [{ message: 'The body must be a JSON object.', path: [] }]);
    }
    return value;
  }

  function fromSchemaResult(result: StandardSchemaV1.Result<unknown>): unknown {
    if (result.issues !== undefined) return invalid('schema', toIssueList(result.issues));
    return checkValidated(result.value);
  }

  function schemaFailed(error: unknown): RefusedBody {
    report('schema', error, 'VALIDATION_FAILED');
    return invalid('schema', [{ message: 'The body could not be validated.', path: [] }]);
  }

  // The schema's Standard Schema interface, read once.
  const standardSchema = settings.schema?.['~standard'];

  /** The validated body, a {@link RefusedBody}, or (for an asynchronous schema only) a native promise of either. */
  function check(body: unknown): unknown {
    if (exceedsDepth(body, settings.maxBodyDepth)) {
      return invalid('too_deep', [{ message: `The body nests deeper than ${settings.maxBodyDepth} levels.`, path: [] }]);
    }
    if (standardSchema === undefined) return checkValidated(body);
    let result: StandardSchemaV1.Result<unknown> | Promise<StandardSchemaV1.Result<unknown>>;
    try {
      result = standardSchema.validate(body);
    } catch (error) {
      return schemaFailed(error);
    }
    return isPromiseLike(result) ? Promise.resolve(result).then(fromSchemaResult, schemaFailed) : fromSchemaResult(result);
  }

  function admitChecked(request: Request, body: unknown, checked: unknown): MaybePromise<Admission> {
    if (checked instanceof RefusedBody) return checked.reply;
    // Only a schema's new value is written back: the handler reads what was validated.
    if (checked !== body) request.body = checked;
    return begin(request, checked);
  }

  function admit(request: Request, body: unknown): MaybePromise<Admission> {
    const checked = check(body);
    if (checked instanceof Promise) return checked.then((value: unknown) => admitChecked(request, body, value));
    return admitChecked(request, body, checked);
  }

  function readFeatures(request: Request, validated: unknown): Record<string, unknown> | undefined {
    try {
      const getFeatures = settings.getFeatures;
      // Without a hook the features are the validated body, which `checkValidated` found a plain object.
      const features = (getFeatures === undefined ? validated : getFeatures(request)) as Record<string, unknown>;
      if (getFeatures !== undefined && !isPlainObject(features)) throw new TypeError('the features must be a plain object');
      // A copy, so that a handler changing the body does not change what is logged.
      return { ...features };
    } catch (error) {
      report('getFeatures', error);
      return undefined;
    }
  }

  async function route(request: Request, router: NonNullable<ResolvedDriftwatchConfig<Request>['router']>): Promise<RouteDecision> {
    let unitKey: string | undefined;
    try {
      const key = settings.getUnitKey?.(request);
      unitKey = typeof key === 'string' && key !== '' ? key : undefined;
    } catch (error) {
      report('getUnitKey', error);
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const decision = await Promise.race([
        router.route(unitKey === undefined ? { modelName } : { modelName, unitKey }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no decision within ${settings.routerTimeoutMillis} ms`)), settings.routerTimeoutMillis);
        }),
      ]);
      if (typeof decision?.modelVersion !== 'string' || decision.modelVersion === '' || typeof decision.alias !== 'string') {
        throw new TypeError('the router returned a decision without alias or modelVersion');
      }
      return decision;
    } catch (error) {
      report('router', error);
      return settings.fallbackRoute;
    } finally {
      clearTimeout(timer);
    }
  }

  function countLookup(cached: CachedPrediction | undefined): CachedPrediction | undefined {
    if (cached === undefined) {
      counters.cacheMisses++;
      metrics?.recordCacheLookup(modelName, 'miss');
    }
    return cached;
  }

  function lookupFailed(error: unknown): undefined {
    counters.cacheMisses++;
    metrics?.recordCacheLookup(modelName, 'error');
    report('cache', error, 'STORE_FAILED');
    return undefined;
  }

  /** The cache lookup; synchronous when the cache answers synchronously (the in-memory one does). */
  function lookUp(cacheKey: string): MaybePromise<CachedPrediction | undefined> {
    let answer: MaybePromise<CachedPrediction | undefined>;
    try {
      answer = cache!.get(cacheKey);
    } catch (error) {
      return lookupFailed(error);
    }
    return isPromiseLike(answer) ? Promise.resolve(answer).then(countLookup, lookupFailed) : countLookup(answer);
  }

  function afterRouting(request: Request, features: Record<string, unknown> | undefined, decision: RouteDecision): MaybePromise<PredictionExchange> {
    let cacheKey: string | undefined;
    if (cache !== undefined && features !== undefined) {
      try {
        cacheKey = predictionCacheKey({ modelName: decision.modelName, modelVersion: decision.modelVersion, features });
      } catch (error) {
        report('cache key', error);
      }
    }
    const requestIdHeader = request.headers[settings.requestIdHeader];
    const startedAt = performance.now();
    // The id's millisecond from the clock read just now, not a second read of the wall clock (a
    // call into the runtime): the monotonic clock from the process's start time, which keeps
    // within NTP's slewing of the wall clock (a step of the system clock is not followed).
    const predictionId = createPredictionId(Math.floor(timeOrigin + startedAt));
    // A client's header goes into storage: bounded, like everything else that comes from the request.
    const requestId = typeof requestIdHeader === 'string' && requestIdHeader !== '' ? requestIdHeader.slice(0, maxRequestIdLength) : undefined;
    if (cacheKey === undefined) return new Exchange(predictionId, decision, features, requestId, undefined, undefined, startedAt);
    const cached = lookUp(cacheKey);
    return isPromiseLike(cached)
      ? cached.then((value) => new Exchange(predictionId, decision, features, requestId, cacheKey, value, startedAt))
      : new Exchange(predictionId, decision, features, requestId, cacheKey, cached, startedAt);
  }

  // Synchronous unless a router or an asynchronous cache is configured: a promise per request costs throughput.
  function begin(request: Request, validated: unknown): MaybePromise<PredictionExchange> {
    const features = readFeatures(request, validated);
    const router = settings.router;
    if (router === undefined) return afterRouting(request, features, settings.staticRoute);
    return route(request, router).then((decision) => afterRouting(request, features, decision));
  }

  function log(record: PredictionInput): void {
    // log() never throws by contract; the guard is for a logger someone else wrote.
    try {
      logger.log(record);
    } catch (error) {
      report('logger', error, 'STORE_FAILED');
    }
  }

  function readPrediction(responseBody: unknown): Prediction {
    try {
      const prediction = settings.getPrediction(responseBody);
      return typeof prediction === 'object' && prediction !== null ? prediction : {};
    } catch (error) {
      report('getPrediction', error);
      return {};
    }
  }

  /** The record to log. Optional fields are added only when set: the logger checks each one present. */
  function recordOf(exchange: PredictionExchange, latencyMillis: number, prediction: Prediction, errorMessage: string | undefined, cacheHit: boolean): PredictionInput {
    const { route: decision, predictionId } = exchange;
    const record: PredictionInput = {
      id: predictionId,
      modelName: decision.modelName,
      modelVersion: decision.modelVersion,
      features: exchange.features!,
      prediction,
      latencyMillis,
    };
    if (exchange.requestId !== undefined) record.requestId = exchange.requestId;
    if (errorMessage !== undefined) {
      record.status = 'error';
      record.errorMessage = errorMessage;
    }
    if (cacheHit) record.cacheHit = true;
    return record;
  }

  /** The captured body, or the captured JSON text parsed; {@link noBody} when there is neither. */
  function responseBodyOf(exchange: PredictionExchange, ok: boolean): unknown {
    if (exchange.hasBody) return exchange.captured;
    const text = exchange.capturedText;
    if (!ok || text === undefined) return noBody;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Declared JSON but not: logged without a prediction.
      return noBody;
    }
  }

  /**
   * Ends a monitored request. What the record needs is read here (the status and the latency);
   * reading the prediction, the counters, the metrics and the record itself are left to
   * `settle`, which the logger runs in a batch with other predictions (`logLater`), before it
   * next profiles, writes or counts. A cache to fill or a shadow to score needs the prediction
   * now, so those requests are settled at once.
   */
  function finish(exchange: PredictionExchange, statusCode: number): void {
    if (exchange.finished) return;
    exchange.finished = true;
    exchange.latencyMillis = performance.now() - exchange.startedAt;
    exchange.statusCode = statusCode;
    if (logLater !== undefined && exchange.cacheKey === undefined && exchange.route.shadow === undefined) {
      logLater(exchange, settle);
      return;
    }
    const record = settle(exchange);
    if (record !== undefined) log(record);
  }

  /** Reads the prediction, counts the request and builds its record (`undefined` when the features could not be read); fills the cache and starts the shadow. */
  function settle(exchange: PredictionExchange): PredictionInput | undefined {
    const { statusCode, latencyMillis, route: decision } = exchange;
    const ok = statusCode < 400 && exchange.errorMessage === undefined;
    const responseBody = responseBodyOf(exchange, ok);
    const prediction = ok && responseBody !== noBody ? readPrediction(responseBody) : {};
    if (ok) counters.predictions++;
    else counters.errors++;
    metrics?.recordRequest({
      modelName: decision.modelName,
      modelVersion: decision.modelVersion,
      status: ok ? 'ok' : 'error',
      latencySeconds: latencyMillis / 1000,
      score: prediction.score,
    });
    if (exchange.features === undefined) return undefined;
    const record = recordOf(exchange, latencyMillis, prediction, ok ? undefined : (exchange.errorMessage ?? `HTTP ${statusCode}`), false);
    if (ok && statusCode < 300 && responseBody !== noBody && exchange.cacheKey !== undefined) {
      store(exchange.cacheKey, exchange.capturedText, responseBody, prediction);
    }
    scheduleShadow(exchange);
    return record;
  }

  function store(cacheKey: string, text: string | undefined, responseBody: unknown, prediction: Prediction): void {
    try {
      const body = text ?? JSON.stringify(responseBody);
      Promise.resolve(cache!.set(cacheKey, { body, prediction })).catch((error: unknown) => report('cache', error, 'STORE_FAILED'));
    } catch (error) {
      report('cache', error, 'STORE_FAILED');
    }
  }

  function finishFromCache(exchange: PredictionExchange, cached: CachedPrediction): void {
    if (exchange.finished) return;
    exchange.finished = true;
    const latencyMillis = performance.now() - exchange.startedAt;
    const { route: decision } = exchange;
    counters.predictions++;
    counters.cacheHits++;
    metrics?.recordCacheLookup(modelName, 'hit');
    metrics?.recordRequest({
      modelName: decision.modelName,
      modelVersion: decision.modelVersion,
      status: 'ok',
      latencySeconds: latencyMillis / 1000,
      score: cached.prediction.score,
    });
    if (exchange.features === undefined) return;
    log(recordOf(exchange, latencyMillis, cached.prediction, undefined, true));
    scheduleShadow(exchange);
  }

  function scheduleShadow(exchange: PredictionExchange): void {
    const shadow = exchange.route.shadow;
    const scoreShadow = settings.scoreShadow;
    if (shadow === undefined || scoreShadow === undefined || exchange.features === undefined || shuttingDown !== undefined) return;
    if (shadowsInFlight.size >= settings.maxShadowInFlight) {
      counters.shadowSkipped++;
      return;
    }
    const features = exchange.features;
    const running: Promise<void> = new Promise<void>((resolve) => {
      // After the response is written: the shadow model never delays it.
      setImmediate(() => {
        void runShadow(exchange, features, shadow, scoreShadow).finally(resolve);
      });
    }).finally(() => shadowsInFlight.delete(running));
    shadowsInFlight.add(running);
  }

  async function runShadow(
    exchange: PredictionExchange,
    features: Record<string, unknown>,
    shadow: NonNullable<RouteDecision['shadow']>,
    scoreShadow: NonNullable<ResolvedDriftwatchConfig<Request>['scoreShadow']>,
  ): Promise<void> {
    const startedAt = process.hrtime.bigint();
    const record: PredictionInput = {
      modelName: exchange.route.modelName,
      modelVersion: shadow.modelVersion,
      features,
      prediction: {},
      segment: settings.shadowSegment,
    };
    if (exchange.requestId !== undefined) record.requestId = exchange.requestId;
    try {
      const prediction = await scoreShadow(features, shadow);
      if (typeof prediction !== 'object' || prediction === null) throw new TypeError('scoreShadow must return a prediction object');
      record.prediction = prediction;
      counters.shadowScored++;
      metrics?.recordShadowPrediction(record.modelName, shadow.modelVersion, 'ok');
    } catch (error) {
      record.status = 'error';
      record.errorMessage = error instanceof Error ? error.message : String(error);
      metrics?.recordShadowPrediction(record.modelName, shadow.modelVersion, 'error');
      report('scoreShadow', error);
    }
    record.latencyMillis = Number(process.hrtime.bigint() - startedAt) / 1e6;
    log(record);
  }

  async function recordOutcomes(body: unknown): Promise<JsonReply> {
    if (exceedsDepth(body, settings.maxBodyDepth)) {
      return { statusCode: 422, payload: { error: 'invalid_outcomes', issues: [{ message: `The body nests deeper than ${settings.maxBodyDepth} levels.`, path: [] }] } };
    }
    const parsed = parseOutcomes(body, settings.maxOutcomesPerRequest, Date.now());
    if (!parsed.ok) return { statusCode: 422, payload: { error: 'invalid_outcomes', issues: parsed.issues } };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.resolve().then(() => settings.store.writeOutcomes(parsed.records)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${settings.outcomesTimeoutMillis} ms`)), settings.outcomesTimeoutMillis);
        }),
      ]);
      return { statusCode: 202, payload: { count: parsed.records.length } };
    } catch (error) {
      report('writeOutcomes', error, 'STORE_FAILED');
      return { statusCode: 503, payload: { error: 'store_unavailable' } };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Settles the requests the logger still holds (see `finish`), so that counts and metrics include them. */
  function settlePending(): void {
    try {
      void logger.counters;
    } catch (error) {
      report('logger', error, 'STORE_FAILED');
    }
  }

  async function renderMetrics(): Promise<{ contentType: string; text: string }> {
    if (metrics === undefined) return { contentType: 'text/plain; charset=utf-8', text: '' };
    settlePending();
    return { contentType: metrics.contentType, text: await metrics.render() };
  }

  function shutdown(): Promise<void> {
    shuttingDown ??= (async () => {
      // Shadow scorings log into the logger: let them finish first, for a bounded time.
      if (shadowsInFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...shadowsInFlight]),
          new Promise((resolve) => {
            timer = setTimeout(resolve, shutdownWaitMillis);
          }),
        ]);
        clearTimeout(timer);
      }
      const steps: Array<Promise<void>> = [settings.ownsLogger ? logger.shutdown() : logger.forceFlush()];
      if (settings.ownsCache && cache !== undefined) steps.push(cache.shutdown());
      const results = await Promise.allSettled(steps);
      for (const result of results) if (result.status === 'rejected') report('shutdown', result.reason, 'SHUTDOWN');
    })();
    return shuttingDown;
  }

  return {
    settings,
    get counters() {
      settlePending();
      return Object.freeze({ ...counters });
    },
    countRequest() {
      counters.requests++;
    },
    authenticate(request, routeKind) {
      const verifier = settings.apiKeyVerifier;
      if (verifier === undefined) return true;
      let verified = false;
      try {
        verified = verifier.verify(request.headers);
      } catch (error) {
        report('API key check', error, 'UNAUTHORIZED');
      }
      if (!verified) {
        counters.unauthorized++;
        if (routeKind === 'predict') metrics?.recordRequest({ modelName, modelVersion: settings.unroutedVersionLabel, status: 'unauthorized' });
      }
      return verified;
    },
    rejectBody,
    admit,
    finish,
    finishFromCache,
    recordOutcomes,
    renderMetrics,
    reportUnexpected: (activity, error) => report(activity, error),
    shutdown,
  };
}

/**
 * True for an object literal or a null-prototype object. A `constructor` equal to `Object`
 * settles the common case with a property load the JIT inlines, where `Object.getPrototypeOf`
 * called into the runtime on every request; anything else (a body's own `constructor` key, a
 * class instance, no prototype) gets the exact test. Objects whose prototype is itself a plain
 * object pass too: their own properties are all that is read or copied.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if ((value as { constructor?: unknown }).constructor === Object) return true;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
