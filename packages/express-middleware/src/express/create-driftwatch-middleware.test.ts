import { createPredictionLogger, DriftwatchError, type EventStore, type PredictionLogger, type PredictionRecord } from '@driftwatch/core';
import { createInMemoryEventStore, createInMemoryRegistryStore } from '@driftwatch/core/testing';
import { createModelRegistry, createModelRouter } from '@driftwatch/registry';
import express from 'express';
import express4 from 'express4';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMemoryPredictionCache } from '../cache/create-memory-prediction-cache.js';
import { createFaultyStore } from '../internal/faulty-store.test-helper.js';
import { close, listen, mapConcurrently, postJson } from '../internal/http.test-helper.js';
import { createSaltedSplitRouter } from '../internal/split-router.test-helper.js';
import { throwingSchema } from '../internal/throwing-schema.test-helper.js';
import { createDriftwatchMiddleware, type DriftwatchMiddleware, type DriftwatchMiddlewareConfig } from './create-driftwatch-middleware.js';

// The SQLite store lives in @driftwatch/adapters, a dev dependency of this suite only.
const adapters = await import('@driftwatch/adapters').catch(() => undefined);

const schema = z.object({
  tenure: z.number().int().min(0),
  Contract: z.enum(['Month-to-month', 'One year', 'Two year']),
  MonthlyCharges: z.number(),
});
const goodBody = { tenure: 12, Contract: 'Month-to-month', MonthlyCharges: 70.35 };
const everything = { modelName: 'churn', from: new Date(0), to: new Date(Date.now() + 86_400_000), limit: 100_000 };

/** The application's own error handler, the same with and without the middleware. */
const appErrorHandler: express.ErrorRequestHandler = (error: Error, _request, response, _next) => {
  response.status(500).json({ error: error.message });
};

interface Harness {
  url: string;
  store: EventStore;
  logger: PredictionLogger;
  driftwatch: DriftwatchMiddleware;
  handlerCalls: number;
  errors: DriftwatchError[];
  predictions(): Promise<PredictionRecord[]>;
}

/** The Express majors of the peer range (`^4.18.0 || ^5.0.0`): the whole suite runs on each. */
const majors = [
  ['Express 5', express],
  ['Express 4', express4],
] as const;
/** The major of the running block: `start` and the tests build their apps with it. */
let expressMajor: typeof express = express;

const servers: Server[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start(
  overrides: Partial<DriftwatchMiddlewareConfig> = {},
  handler: express.RequestHandler = (request, response) => {
    response.json({ label: request.body.tenure > 24 ? 'No' : 'Yes', score: 0.71 });
  },
): Promise<Harness> {
  const store = overrides.store ?? createInMemoryEventStore();
  const logger = createPredictionLogger({ store, flushIntervalMillis: 60_000, flushTimeoutMillis: 300, retentionDays: false, onError: () => {} });
  const errors: DriftwatchError[] = [];
  const driftwatch = createDriftwatchMiddleware({
    modelName: 'churn',
    modelVersion: '3',
    store,
    logger,
    schema,
    onError: (error) => errors.push(error),
    ...overrides,
  });
  const harness: Harness = {
    url: '',
    store,
    logger,
    driftwatch,
    handlerCalls: 0,
    errors,
    async predictions() {
      await logger.forceFlush();
      return store.readPredictions(everything);
    },
  };
  const app = expressMajor();
  app.set('env', 'production');
  app.use(driftwatch.routes);
  app.post('/predict', driftwatch, (request, response, next) => {
    harness.handlerCalls++;
    return handler(request, response, next);
  });
  app.post('/parsed', expressMajor.json(), driftwatch, (request, response, next) => {
    harness.handlerCalls++;
    return handler(request, response, next);
  });
  app.get('/admin', driftwatch.requireApiKey, (_request, response) => {
    response.json({ ok: true });
  });
  app.use(driftwatch.errorHandler);
  app.use(appErrorHandler);
  const server = createServer(app);
  servers.push(server);
  harness.url = await listen(server);
  cleanups.push(async () => {
    await driftwatch.shutdown();
    await logger.shutdown();
  });
  return harness;
}

describe.each(majors)('createDriftwatchMiddleware with a real %s app', (name, major) => {
  beforeAll(() => {
    expressMajor = major;
  });

  it('builds its apps with the major it names (a bare `*` path: a wildcard in Express 4, an error from 5 on)', () => {
    const declareWildcard = () => expressMajor().get('/*', (_request, response) => response.end());
    if (name === 'Express 4') expect(declareWildcard).not.toThrow();
    else expect(declareWildcard).toThrow(/Missing parameter name/);
  });

  it('logs the validated features, the prediction, the latency and returns the prediction id', async () => {
    const harness = await start();
    const response = await postJson(`${harness.url}/predict`, { ...goodBody, ignored: 'stripped by the schema' }, { 'x-request-id': 'request-1' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ label: 'Yes', score: 0.71 });
    const predictionId = response.headers.get('x-prediction-id');
    expect(predictionId).toMatch(/^[0-9a-f-]{36}$/);

    const [record] = await harness.predictions();
    expect(record).toMatchObject({
      id: predictionId,
      modelName: 'churn',
      modelVersion: '3',
      features: goodBody,
      prediction: { label: 'Yes', score: 0.71 },
      requestId: 'request-1',
    });
    expect(record!.status ?? 'ok').toBe('ok');
    expect(record!.latencyMillis).toBeGreaterThanOrEqual(0);
    expect(harness.driftwatch.counters).toMatchObject({ requests: 1, predictions: 1, invalidBodies: 0 });
  });

  it('works behind express.json() too, and exposes res.locals.driftwatch to the handler', async () => {
    let seen: unknown;
    const harness = await start({}, (_request, response) => {
      seen = response.locals.driftwatch;
      response.json({ prediction: 'No', probability: 0.2 });
    });
    const response = await postJson(`${harness.url}/parsed`, goodBody);
    expect(response.status).toBe(200);
    expect(seen).toEqual({
      predictionId: response.headers.get('x-prediction-id'),
      route: { alias: 'default', modelName: 'churn', modelVersion: '3' },
    });
    const [record] = await harness.predictions();
    expect(record!.prediction).toEqual({ label: 'No', score: 0.2 });
  });

  it('reads the prediction from JSON text the handler sends itself, and only from JSON', async () => {
    const bodies = ['{"prediction":"No","probability":0.3}', 'label=Yes', '{"label":"Yes","score":0.9}'];
    const types = ['application/json', 'text/plain', 'application/json'];
    const statuses = [200, 200, 500];
    let call = 0;
    const harness = await start({}, (_request, response) => {
      const index = call++;
      response.status(statuses[index]!).type(types[index]!).send(bodies[index]);
    });
    for (let index = 0; index < bodies.length; index++) {
      const response = await fetch(`${harness.url}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(goodBody) });
      // The response is the handler's, byte for byte.
      expect({ status: response.status, text: await response.text() }).toEqual({ status: statuses[index], text: bodies[index] });
    }
    // Ids are UUIDv7, increasing in request order.
    const records = (await harness.predictions()).sort((left, right) => (left.id < right.id ? -1 : 1));
    expect(records.map((record) => record.prediction)).toEqual([{ label: 'No', score: 0.3 }, {}, {}]);
    expect(records.map((record) => record.status ?? 'ok')).toEqual(['ok', 'ok', 'error']);
  });

  it('still logs when a middleware in front wrapped res.json and res.end (as compression does)', async () => {
    const harness = await start();
    let wrapperEnds = 0;
    const app = expressMajor();
    app.use((_request, response, next) => {
      const originalEnd = response.end;
      const originalJson = response.json;
      response.end = function end(this: express.Response, ...parameters: unknown[]) {
        wrapperEnds++;
        return (originalEnd as (...parameters: unknown[]) => express.Response).apply(this, parameters);
      } as express.Response['end'];
      response.json = function json(this: express.Response, body?: unknown) {
        return originalJson.call(this, body);
      };
      next();
    });
    app.post('/predict', expressMajor.json(), harness.driftwatch, (_request, response) => {
      response.json({ label: 'Yes', score: 0.4 });
    });
    const server = createServer(app);
    servers.push(server);
    const url = await listen(server);
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await postJson(`${url}/predict`, goodBody);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ label: 'Yes', score: 0.4 });
    }
    expect(wrapperEnds).toBe(2);
    const records = await harness.predictions();
    expect(records).toHaveLength(2);
    expect(records.map((record) => record.prediction)).toEqual([
      { label: 'Yes', score: 0.4 },
      { label: 'Yes', score: 0.4 },
    ]);
  });

  it("leaves the app's other routes alone, and keeps two middlewares on one app apart", async () => {
    // The interceptors wrap json/end of the app's response prototype once; they must pass every
    // response that is not their own straight through.
    const churn = await start();
    const fraud = await start({ modelName: 'fraud' });
    const app = expressMajor();
    app.post('/churn', expressMajor.json(), churn.driftwatch, (_request, response) => {
      response.json({ label: 'Yes', score: 0.4 });
    });
    app.post('/fraud', expressMajor.json(), fraud.driftwatch, (_request, response) => {
      response.json({ label: 'No', score: 0.1 });
    });
    app.post('/plain', expressMajor.json(), (request, response) => {
      response.json({ echo: request.body });
    });
    app.get('/text', (_request, response) => {
      response.end('plain text');
    });
    const server = createServer(app);
    servers.push(server);
    const url = await listen(server);
    for (let round = 0; round < 2; round++) {
      const plain = await postJson(`${url}/plain`, goodBody);
      expect(plain.status).toBe(200);
      expect(plain.body).toEqual({ echo: goodBody });
      expect(plain.headers.get('x-prediction-id')).toBeNull();
      expect((await postJson(`${url}/churn`, goodBody)).body).toEqual({ label: 'Yes', score: 0.4 });
      expect((await postJson(`${url}/fraud`, goodBody)).body).toEqual({ label: 'No', score: 0.1 });
      const text = await fetch(`${url}/text`);
      expect(await text.text()).toBe('plain text');
    }
    const churnRecords = await churn.predictions();
    await fraud.logger.forceFlush();
    const fraudRecords = await fraud.store.readPredictions({ ...everything, modelName: 'fraud' });
    expect(churnRecords.map((record) => [record.modelName, record.prediction])).toEqual([
      ['churn', { label: 'Yes', score: 0.4 }],
      ['churn', { label: 'Yes', score: 0.4 }],
    ]);
    expect(fraudRecords.map((record) => [record.modelName, record.prediction])).toEqual([
      ['fraud', { label: 'No', score: 0.1 }],
      ['fraud', { label: 'No', score: 0.1 }],
    ]);
  });

  it('answers a bad body with 422 and the issues, never calls the handler, counts it and stores nothing', async () => {
    const harness = await start({ metrics: true });
    const response = await postJson(`${harness.url}/predict`, { tenure: 'twelve', Contract: 'Forever' });
    expect(response.status).toBe(422);
    const body = response.body as { error: string; issues: Array<{ path: unknown[]; message: string }> };
    expect(body.error).toBe('invalid_body');
    expect(body.issues.map((issue) => issue.path[0])).toEqual(expect.arrayContaining(['tenure', 'Contract', 'MonthlyCharges']));
    expect(harness.handlerCalls).toBe(0);
    expect(harness.driftwatch.counters.invalidBodies).toBe(1);
    expect(await harness.predictions()).toEqual([]);
    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(metrics).toMatch(/driftwatch_invalid_bodies_total\{model="churn",reason="schema"\} 1/);
    expect(metrics).toMatch(/driftwatch_requests_total\{model="churn",version="3",status="invalid_body"\} 1/);
  });

  it('answers invalid JSON with 400, a wrong content type with 415, a huge body with 413, all counted', async () => {
    const harness = await start({ maxBodyBytes: 1024 });
    const invalidJson = await postJson(`${harness.url}/predict`, '{"tenure": 12,');
    expect(invalidJson.status).toBe(400);
    const wrongType = await fetch(`${harness.url}/predict`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'tenure=12' });
    expect(wrongType.status).toBe(415);
    const huge = await postJson(`${harness.url}/predict`, { ...goodBody, Contract: 'x'.repeat(5000) });
    expect(huge.status).toBe(413);
    const deep = await postJson(`${harness.url}/predict`, JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`));
    expect(deep.status).toBe(422);
    expect(harness.handlerCalls).toBe(0);
    expect(harness.driftwatch.counters.invalidBodies).toBe(4);
    expect(await harness.predictions()).toEqual([]);
  });

  it('validates with an asynchronous schema, on bodies it reads and bodies express.json() parsed, and answers 422 when a schema throws', async () => {
    // zod's Standard Schema entry point answers with a promise when a refinement is asynchronous.
    const asyncSchema = schema.refine(async (body) => body.MonthlyCharges < 1000, { message: 'too dear' });
    const harness = await start({ schema: asyncSchema });
    for (const path of ['/predict', '/parsed']) {
      expect((await postJson(`${harness.url}${path}`, goodBody)).status).toBe(200);
      const refused = await postJson(`${harness.url}${path}`, { ...goodBody, MonthlyCharges: 5000 });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ error: 'invalid_body', issues: [{ message: 'too dear' }] });
    }
    expect(harness.handlerCalls).toBe(2);
    const records = await harness.predictions();
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ features: goodBody, prediction: { label: 'Yes', score: 0.71 } });

    const throwing = await start({ schema: throwingSchema });
    expect((await postJson(`${throwing.url}/parsed`, goodBody)).status).toBe(422);
    expect(throwing.handlerCalls).toBe(0);
    expect(throwing.errors.map((error) => error.code)).toEqual(['VALIDATION_FAILED']);
  });

  it('logs a throwing handler as an error and leaves the response as Express makes it', async () => {
    const failing: express.RequestHandler = () => {
      throw new Error('model exploded');
    };
    const harness = await start({}, failing);
    const response = await postJson(`${harness.url}/predict`, goodBody);

    // The same app without the middleware answers the same way.
    const bare = expressMajor();
    bare.set('env', 'production');
    bare.post('/predict', expressMajor.json(), failing);
    bare.use(appErrorHandler);
    const bareServer = createServer(bare);
    servers.push(bareServer);
    const bareResponse = await postJson(`${await listen(bareServer)}/predict`, goodBody);
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ error: 'model exploded' });
    expect(response.status).toBe(bareResponse.status);
    expect(response.body).toEqual(bareResponse.body);

    const [record] = await harness.predictions();
    expect(record).toMatchObject({ status: 'error', errorMessage: 'model exploded', features: goodBody, prediction: {} });
    expect(harness.driftwatch.counters.errors).toBe(1);
  });

  it("logs an asynchronous handler's rejection as an error (passed on with `.catch(next)` in Express 4, as its apps must)", async () => {
    const score = async (): Promise<never> => {
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error('model timed out');
    };
    // Express 5 hands a rejected promise to the error handlers; Express 4 leaves it unhandled.
    const failing: express.RequestHandler =
      name === 'Express 4' ? (_request, _response, next) => void score().catch(next) : async () => score();
    const harness = await start({}, failing);
    const response = await postJson(`${harness.url}/predict`, goodBody);
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ error: 'model timed out' });
    const [record] = await harness.predictions();
    expect(record).toMatchObject({ status: 'error', errorMessage: 'model timed out', features: goodBody, prediction: {} });
    expect(harness.driftwatch.counters.errors).toBe(1);
  });

  it('logs an explicit error status without an error handler as HTTP <status>', async () => {
    const harness = await start({}, (_request, response) => {
      response.status(503).json({ error: 'model warming up' });
    });
    const response = await postJson(`${harness.url}/predict`, goodBody);
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ error: 'model warming up' });
    const [record] = await harness.predictions();
    expect(record).toMatchObject({ status: 'error', errorMessage: 'HTTP 503' });
  });

  describe('API keys', () => {
    const environment = { DRIFTWATCH_API_KEYS: 'key-new-2025, key-old-2024' };

    it('refuses a missing or wrong key with a bare 401, accepts either rotated key in either header', async () => {
      const harness = await start({ apiKeys: { environment } });
      const missing = await postJson(`${harness.url}/predict`, goodBody);
      const wrong = await postJson(`${harness.url}/predict`, goodBody, { authorization: 'Bearer key-new-2026' });
      const wrongScheme = await postJson(`${harness.url}/predict`, goodBody, { authorization: 'Basic key-new-2025' });
      for (const refused of [missing, wrong, wrongScheme]) {
        expect(refused.status).toBe(401);
        expect(refused.body).toEqual({ error: 'unauthorized' });
        expect(refused.headers.get('www-authenticate')).toBe('Bearer');
      }
      expect(harness.handlerCalls).toBe(0);

      const bearerNew = await postJson(`${harness.url}/predict`, goodBody, { authorization: 'Bearer key-new-2025' });
      const headerOld = await postJson(`${harness.url}/predict`, goodBody, { 'x-api-key': 'key-old-2024' });
      const wrongBearerRightHeader = await postJson(`${harness.url}/predict`, goodBody, { authorization: 'Bearer nope', 'x-api-key': 'key-old-2024' });
      expect([bearerNew.status, headerOld.status, wrongBearerRightHeader.status]).toEqual([200, 200, 200]);
      expect(harness.driftwatch.counters.unauthorized).toBe(3);
      expect(await harness.predictions()).toHaveLength(3);
    });

    it('guards the outcomes and admin routes, leaves the health route open', async () => {
      const harness = await start({ apiKeys: { environment } });
      expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${harness.url}/healthz`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${harness.url}/admin`)).status).toBe(401);
      expect((await fetch(`${harness.url}/admin`, { headers: { 'x-api-key': 'key-old-2024' } })).status).toBe(200);
      expect((await postJson(`${harness.url}/outcomes`, { predictionId: 'p', label: 1 })).status).toBe(401);
      expect((await postJson(`${harness.url}/outcomes`, { predictionId: 'p', label: 1 }, { authorization: 'Bearer key-new-2025' })).status).toBe(202);
    });

    it('refuses to start when the key variable is empty', () => {
      expect(() => createDriftwatchMiddleware({ modelName: 'churn', modelVersion: '1', store: createInMemoryEventStore(), apiKeys: { environment: {} } })).toThrow(
        /DRIFTWATCH_API_KEYS holds none/,
      );
    });
  });

  describe('outcomes', () => {
    it('records one outcome or a batch, which join their predictions', async () => {
      const harness = await start();
      const ids: string[] = [];
      for (const tenure of [1, 30, 50]) {
        const response = await postJson(`${harness.url}/predict`, { ...goodBody, tenure });
        ids.push(response.headers.get('x-prediction-id')!);
      }
      const single = await postJson(`${harness.url}/outcomes`, { predictionId: ids[0], label: 'Yes' });
      expect(single).toMatchObject({ status: 202, body: { count: 1 } });
      const batch = await postJson(`${harness.url}/outcomes`, [
        { predictionId: ids[1], label: 'No', timestamp: '2025-06-01T00:00:00Z' },
        { predictionId: ids[2], label: 'No' },
      ]);
      expect(batch).toMatchObject({ status: 202, body: { count: 2 } });

      await harness.logger.forceFlush();
      const joined = await harness.store.readLabelledPredictions({ modelName: 'churn', from: new Date(0), to: new Date(Date.now() + 60_000) });
      expect(joined.map((pair) => [pair.prediction.id, pair.outcome.label])).toEqual([
        [ids[0], 'Yes'],
        [ids[1], 'No'],
        [ids[2], 'No'],
      ]);
      expect(joined[1]!.outcome.timestamp.toISOString()).toBe('2025-06-01T00:00:00.000Z');
    });

    it('answers bad outcomes with 422 and the zod issues, and a failing store with 503', async () => {
      const harness = await start();
      const bad = await postJson(`${harness.url}/outcomes`, [{ predictionId: '', label: { nested: true } }]);
      expect(bad.status).toBe(422);
      const issues = (bad.body as { issues: Array<{ path: unknown[]; code: string }> }).issues;
      expect(issues.map((issue) => issue.path.join('.'))).toEqual(expect.arrayContaining(['0.predictionId', '0.label']));
      expect((await postJson(`${harness.url}/outcomes`, [])).status).toBe(422);
      expect((await postJson(`${harness.url}/outcomes`, Array.from({ length: 1001 }, () => ({ predictionId: 'p', label: 1 })))).status).toBe(422);

      const failing = await start({ store: createFaultyStore('reject') });
      const unavailable = await postJson(`${failing.url}/outcomes`, { predictionId: 'p', label: 1 });
      expect(unavailable).toMatchObject({ status: 503, body: { error: 'store_unavailable' } });
      expect(failing.errors.some((error) => error.code === 'STORE_FAILED')).toBe(true);
    });
  });

  describe('monitoring failures never fail the request', () => {
    it.each(['reject', 'hang'] as const)('answers unchanged when every store write %ss', async (mode) => {
      const harness = await start({ store: createFaultyStore(mode) });
      const responses = await mapConcurrently(Array.from({ length: 20 }, (_, index) => index), 5, () => postJson(`${harness.url}/predict`, goodBody));
      for (const response of responses) {
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ label: 'Yes', score: 0.71 });
      }
    });

    it('answers unchanged when the hooks throw, and reports them', async () => {
      const harness = await start({
        getFeatures: () => {
          throw new Error('features hook broke');
        },
        getPrediction: () => {
          throw new Error('prediction hook broke');
        },
      });
      const response = await postJson(`${harness.url}/predict`, goodBody);
      expect(response).toMatchObject({ status: 200, body: { label: 'Yes', score: 0.71 } });
      expect(harness.errors.map((error) => error.message).join('\n')).toMatch(/getFeatures failed: features hook broke/);
      expect(await harness.predictions()).toEqual([]);
    });

    it('falls back to the configured version when the router fails or hangs', async () => {
      const harness = await start({
        routerTimeoutMillis: 50,
        router: {
          route: () => new Promise(() => {}),
          shutdown: async () => {},
        },
      });
      const response = await postJson(`${harness.url}/predict`, goodBody);
      expect(response.status).toBe(200);
      const [record] = await harness.predictions();
      expect(record!.modelVersion).toBe('3');
      expect(harness.errors[0]!.message).toMatch(/router failed/);
    });
  });

  describe('routing through a ModelRouter', () => {
    it('splits 90/10 within ±3% over 2,000 keys, sticky per key, and tells the handler', async () => {
      const router = createSaltedSplitRouter({ modelName: 'churn', champion: '3', challenger: '4', challengerShare: 0.1 });
      const harness = await start(
        { router, modelVersion: undefined, getUnitKey: (request) => request.headers['x-customer-id'] as string | undefined },
        (_request, response) => {
          const route = (response.locals.driftwatch as { route: { alias: string; modelVersion: string } }).route;
          response.json({ label: 'Yes', score: 0.5, servedBy: route.alias, version: route.modelVersion });
        },
      );
      const keys = Array.from({ length: 2000 }, (_, index) => `customer-${index}`);
      const first = await mapConcurrently(keys, 16, (key) => postJson(`${harness.url}/predict`, goodBody, { 'x-customer-id': key }));
      const challengerShare = first.filter((response) => (response.body as { servedBy: string }).servedBy === 'challenger').length / keys.length;
      expect(challengerShare).toBeGreaterThan(0.07);
      expect(challengerShare).toBeLessThan(0.13);

      const sample = keys.slice(0, 100);
      const again = await mapConcurrently(sample, 16, (key) => postJson(`${harness.url}/predict`, goodBody, { 'x-customer-id': key }));
      again.forEach((response, index) => expect((response.body as { servedBy: string }).servedBy).toBe((first[index]!.body as { servedBy: string }).servedBy));

      const records = await harness.predictions();
      const byVersion = new Map<string, number>();
      for (const record of records) byVersion.set(record.modelVersion, (byVersion.get(record.modelVersion) ?? 0) + 1);
      expect((byVersion.get('3') ?? 0) + (byVersion.get('4') ?? 0)).toBe(2100);
      expect(byVersion.get('4')! / 2100).toBeCloseTo(challengerShare, 1);
    }, 180_000);

    it("routes with @driftwatch/registry's router: its 90/10 split, sticky per key, logged under the served version", async () => {
      const registryStore = createInMemoryRegistryStore();
      const registry = createModelRegistry({ store: registryStore });
      for (let index = 0; index < 2; index++) {
        await registry.registerModelVersion({ modelName: 'churn', artifact: { flavor: 'constant', formatVersion: 1, data: { index } } });
      }
      await registry.setAlias({ modelName: 'churn', alias: 'champion', version: 1 });
      await registry.setAlias({ modelName: 'churn', alias: 'challenger', version: 2 });
      await registry.updateRouting('churn', { weights: { champion: 0.9, challenger: 0.1 }, salt: 'middleware-test' });
      const router = createModelRouter({ store: registryStore });
      cleanups.push(() => router.shutdown());
      const harness = await start(
        { router, modelVersion: undefined, getUnitKey: (request) => request.headers['x-customer-id'] as string | undefined },
        (_request, response) => {
          const route = (response.locals.driftwatch as { route: { alias: string; modelVersion: string } }).route;
          response.json({ label: 'Yes', score: 0.5, servedBy: route.alias, version: route.modelVersion });
        },
      );
      const keys = Array.from({ length: 1000 }, (_, index) => `customer-${index}`);
      const served = await mapConcurrently(keys, 16, (key) => postJson(`${harness.url}/predict`, goodBody, { 'x-customer-id': key }));
      const bodies = served.map((response) => response.body as { servedBy: string; version: string });
      const challengerShare = bodies.filter((body) => body.servedBy === 'challenger').length / keys.length;
      expect(challengerShare).toBeGreaterThan(0.06);
      expect(challengerShare).toBeLessThan(0.14);
      // Each answer is the registry router's own decision for that key, and stays so.
      for (const [index, key] of keys.slice(0, 50).entries()) {
        const decision = await router.route({ modelName: 'churn', unitKey: key });
        expect(bodies[index]).toMatchObject({ servedBy: decision.alias, version: decision.modelVersion });
      }
      const records = await harness.predictions();
      expect(records).toHaveLength(keys.length);
      const versionById = new Map(records.map((record) => [record.id, record.modelVersion]));
      served.forEach((response, index) => expect(versionById.get(response.headers.get('x-prediction-id')!)).toBe(bodies[index]!.version));
    }, 120_000);

    it('scores the shadow after the response is written, logs it as shadow, never returns it', async () => {
      let releaseShadow!: () => void;
      const shadowGate = new Promise<void>((resolve) => {
        releaseShadow = resolve;
      });
      let responseFinishedWhenShadowStarted: boolean | undefined;
      let finished = false;
      const router = createSaltedSplitRouter({
        modelName: 'churn',
        champion: '3',
        challenger: '4',
        challengerShare: 0,
        shadow: { alias: 'shadow', modelVersion: '5-candidate' },
      });
      const harness = await start(
        {
          router,
          scoreShadow: async (features, shadow) => {
            responseFinishedWhenShadowStarted = finished;
            await shadowGate;
            return { label: shadow.modelVersion, score: Number(features.tenure) / 100 };
          },
        },
        (_request, response) => {
          response.on('finish', () => {
            finished = true;
          });
          response.json({ label: 'Yes', score: 0.71 });
        },
      );
      const response = await postJson(`${harness.url}/predict`, goodBody);
      // The shadow is still blocked: the response did not wait for it.
      expect(response.body).toEqual({ label: 'Yes', score: 0.71 });
      expect(responseFinishedWhenShadowStarted).toBe(true);
      releaseShadow();
      await harness.driftwatch.shutdown();
      const records = await harness.store.readPredictions(everything);
      const shadow = records.find((record) => record.segment === 'shadow');
      const primary = records.find((record) => record.segment === undefined);
      expect(primary).toMatchObject({ modelVersion: '3', prediction: { label: 'Yes', score: 0.71 } });
      expect(shadow).toMatchObject({ modelVersion: '5-candidate', features: goodBody, prediction: { label: '5-candidate', score: 0.12 } });
      expect(harness.driftwatch.counters.shadowScored).toBe(1);
    });
  });

  describe('prediction cache', () => {
    it('serves repeated features from the cache, flagged, without calling the handler', async () => {
      const harness = await start({ cache: true });
      const first = await postJson(`${harness.url}/predict`, goodBody);
      const reordered = { MonthlyCharges: 70.35, Contract: 'Month-to-month', tenure: 12 };
      const second = await postJson(`${harness.url}/predict`, reordered);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('x-driftwatch-cache')).toBe('hit');
      expect(second.headers.get('x-prediction-id')).not.toBe(first.headers.get('x-prediction-id'));
      expect(harness.handlerCalls).toBe(1);
      const records = await harness.predictions();
      const hit = records.find((record) => record.id === second.headers.get('x-prediction-id'));
      expect(hit).toMatchObject({ cacheHit: true, prediction: { label: 'Yes', score: 0.71 }, features: goodBody });
      expect(harness.driftwatch.counters).toMatchObject({ cacheHits: 1, cacheMisses: 1 });
    });

    it('misses after a model version change, even on a shared cache', async () => {
      const cache = createMemoryPredictionCache();
      const version3 = await start({ cache, modelVersion: '3' });
      const version4 = await start({ cache, modelVersion: '4' });
      await postJson(`${version3.url}/predict`, goodBody);
      expect((await postJson(`${version3.url}/predict`, goodBody)).headers.get('x-driftwatch-cache')).toBe('hit');
      const afterDeploy = await postJson(`${version4.url}/predict`, goodBody);
      expect(afterDeploy.headers.get('x-driftwatch-cache')).toBeNull();
      expect(version4.handlerCalls).toBe(1);
    });
  });

  it('creates, owns and flushes its logger on shutdown when none is given', async () => {
    const store = createInMemoryEventStore();
    const driftwatch = createDriftwatchMiddleware({ modelName: 'churn', modelVersion: '3', store, schema });
    const app = expressMajor();
    app.post('/predict', driftwatch, (_request, response) => {
      response.json({ score: 0.4 });
    });
    const server = createServer(app);
    servers.push(server);
    const url = await listen(server);
    expect((await postJson(`${url}/predict`, goodBody)).status).toBe(200);
    await driftwatch.shutdown();
    await driftwatch.shutdown();
    expect(await store.readPredictions(everything)).toHaveLength(1);
  });

  it.skipIf(adapters === undefined)('logs into a real SQLite store, outcomes joined (skipped where the dev dependency @driftwatch/adapters cannot be imported)', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'driftwatch-middleware-'));
    const store = adapters!.createSqliteEventStore({ filename: join(directory, 'driftwatch.db') });
    await store.migrate();
    try {
      const harness = await start({ store });
      const response = await postJson(`${harness.url}/predict`, goodBody);
      const predictionId = response.headers.get('x-prediction-id')!;
      expect((await postJson(`${harness.url}/outcomes`, { predictionId, label: 'No' })).status).toBe(202);
      const [record] = await harness.predictions();
      expect(record).toMatchObject({ id: predictionId, features: goodBody, prediction: { label: 'Yes', score: 0.71 } });
      const joined = await store.readLabelledPredictions({ modelName: 'churn', from: new Date(0), to: new Date(Date.now() + 60_000) });
      expect(joined.map((pair) => [pair.prediction.id, pair.outcome.label])).toEqual([[predictionId, 'No']]);
      await harness.driftwatch.shutdown();
      await harness.logger.shutdown();
    } finally {
      await store.shutdown();
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('refuses an invalid config at construction', () => {
    const store = createInMemoryEventStore();
    expect(() => createDriftwatchMiddleware({ modelName: 'churn', store })).toThrow(/modelVersion/);
    expect(() => createDriftwatchMiddleware({ modelName: '', modelVersion: '1', store })).toThrow(DriftwatchError);
    expect(() => createDriftwatchMiddleware({ modelName: 'churn', modelVersion: '1', store, maxBodyBytes: -1 })).toThrow(/maxBodyBytes/);
    expect(() => createDriftwatchMiddleware({ modelName: 'churn', modelVersion: '1', store, outcomesPath: 'outcomes' })).toThrow(/outcomesPath/);
  });
});
