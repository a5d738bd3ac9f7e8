import { createPredictionLogger, type DriftwatchError, type EventStore, type PredictionLogger, type PredictionRecord } from '@driftwatch/core';
import { createInMemoryEventStore } from '@driftwatch/core/testing';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFaultyStore } from '../internal/faulty-store.test-helper.js';
import { mapConcurrently, postJson } from '../internal/http.test-helper.js';
import { createSaltedSplitRouter } from '../internal/split-router.test-helper.js';
import { throwingSchema } from '../internal/throwing-schema.test-helper.js';
import { driftwatchFastify, type DriftwatchFastifyOptions } from './index.js';

const schema = z.object({
  tenure: z.number().int().min(0),
  Contract: z.enum(['Month-to-month', 'One year', 'Two year']),
  MonthlyCharges: z.number(),
});
const goodBody = { tenure: 12, Contract: 'Month-to-month', MonthlyCharges: 70.35 };
const everything = { modelName: 'churn', from: new Date(0), to: new Date(Date.now() + 86_400_000), limit: 100_000 };

interface Harness {
  url: string;
  app: FastifyInstance;
  store: EventStore;
  logger: PredictionLogger;
  handlerCalls: number;
  errors: DriftwatchError[];
  predictions(): Promise<PredictionRecord[]>;
}

type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown;
const apps: FastifyInstance[] = [];
const loggers: PredictionLogger[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  await Promise.all(loggers.splice(0).map((logger) => logger.shutdown()));
});

async function start(
  overrides: Partial<DriftwatchFastifyOptions> = {},
  handler: Handler = async (request) => ({ label: (request.body as { tenure: number }).tenure > 24 ? 'No' : 'Yes', score: 0.71 }),
): Promise<Harness> {
  const store = overrides.store ?? createInMemoryEventStore();
  const logger = createPredictionLogger({ store, flushIntervalMillis: 60_000, flushTimeoutMillis: 300, retentionDays: false, onError: () => {} });
  loggers.push(logger);
  const errors: DriftwatchError[] = [];
  const app = Fastify();
  apps.push(app);
  await app.register(driftwatchFastify, {
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
    app,
    store,
    logger,
    handlerCalls: 0,
    errors,
    async predictions() {
      await logger.forceFlush();
      return store.readPredictions(everything);
    },
  };
  app.post('/predict', { config: { driftwatch: true } }, async (request, reply) => {
    harness.handlerCalls++;
    return handler(request, reply);
  });
  app.get('/admin', { onRequest: app.driftwatch.requireApiKey }, async () => ({ ok: true }));
  harness.url = await app.listen({ port: 0, host: '127.0.0.1' });
  return harness;
}

describe('driftwatchFastify with a real Fastify 5 app', () => {
  it('logs the validated features, the prediction and the latency, returns the prediction id, sets request.driftwatch', async () => {
    let seen: unknown;
    const harness = await start({}, async (request) => {
      seen = request.driftwatch;
      return { label: 'Yes', score: 0.71 };
    });
    const sentAt = Date.now();
    const response = await postJson(`${harness.url}/predict`, { ...goodBody, extra: 'stripped' }, { 'x-request-id': 'request-9' });
    const answeredAt = Date.now();
    expect(response).toMatchObject({ status: 200, body: { label: 'Yes', score: 0.71 } });
    const predictionId = response.headers.get('x-prediction-id');
    expect(seen).toEqual({ predictionId, route: { alias: 'default', modelName: 'churn', modelVersion: '3' } });
    // The record is built in the logger's next batch (here, at the flush below, 100 ms later), but
    // is stamped with the time of the response.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [record] = await harness.predictions();
    expect(record!.timestamp.getTime()).toBeGreaterThanOrEqual(sentAt - 1);
    expect(record!.timestamp.getTime()).toBeLessThanOrEqual(answeredAt + 1);
    expect(record).toMatchObject({ id: predictionId, modelVersion: '3', features: goodBody, prediction: { label: 'Yes', score: 0.71 }, requestId: 'request-9' });
    expect(record!.latencyMillis).toBeGreaterThanOrEqual(0);
    expect(harness.app.driftwatch.counters).toMatchObject({ requests: 1, predictions: 1 });
  });

  it('reads a prediction from a handler that sends JSON text itself', async () => {
    const harness = await start({}, async (_request, reply) => reply.type('application/json').send('{"prediction":"No","probability":0.3}'));
    await postJson(`${harness.url}/predict`, goodBody);
    const [record] = await harness.predictions();
    expect(record!.prediction).toEqual({ label: 'No', score: 0.3 });
  });

  it('reads a prediction from an object the handler sends with reply.send, and logs when it answers with text', async () => {
    const sent = await start({}, async (_request, reply) => reply.code(201).send({ label: 'Yes', score: 0.9 }));
    const response = await postJson(`${sent.url}/predict`, goodBody);
    expect(response).toMatchObject({ status: 201, body: { label: 'Yes', score: 0.9 } });
    expect((await sent.predictions())[0]).toMatchObject({ id: response.headers.get('x-prediction-id'), prediction: { label: 'Yes', score: 0.9 } });
    const text = await start({}, async () => 'plain text');
    expect((await postJson(`${text.url}/predict`, goodBody)).status).toBe(200);
    const [record] = await text.predictions();
    expect(record).toMatchObject({ prediction: {}, features: goodBody });
    expect(record!.status ?? 'ok').toBe('ok');
  });

  it("runs the route's own hooks before validating, and calls its handler as Fastify would", async () => {
    const store = createInMemoryEventStore();
    const logger = createPredictionLogger({ store, flushIntervalMillis: 60_000, retentionDays: false, onError: () => {} });
    loggers.push(logger);
    const app = Fastify();
    apps.push(app);
    await app.register(driftwatchFastify, { modelName: 'churn', modelVersion: '3', store, logger, schema });
    app.decorate('threshold', 24);
    let contextInPreHandler: unknown = 'not run';
    app.post(
      '/predict',
      {
        config: { driftwatch: true },
        preHandler: (request, reply, done) => {
          contextInPreHandler = request.driftwatch;
          if (request.headers['x-tenant'] === undefined) return void reply.code(403).send({ error: 'forbidden' });
          done();
        },
      },
      // Synchronous, and reading the instance through `this`, as Fastify binds it.
      function (this: FastifyInstance, request) {
        const threshold = (this as FastifyInstance & { threshold: number }).threshold;
        return { label: (request.body as { tenure: number }).tenure > threshold ? 'No' : 'Yes', score: 0.4 };
      },
    );
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    // Refused by the route's own hook: not validated (403 even for a bad body), not counted, not logged.
    expect((await postJson(`${url}/predict`, { tenure: 'twelve' })).status).toBe(403);
    expect(contextInPreHandler).toBeNull();
    expect(app.driftwatch.counters).toMatchObject({ requests: 0, predictions: 0, errors: 0, invalidBodies: 0 });
    // Let through: validated, answered by the handler with the instance as `this`, and logged.
    expect((await postJson(`${url}/predict`, { tenure: 'twelve' }, { 'x-tenant': 'a' })).status).toBe(422);
    const response = await postJson(`${url}/predict`, { ...goodBody, tenure: 30 }, { 'x-tenant': 'a' });
    expect(response).toMatchObject({ status: 200, body: { label: 'No', score: 0.4 } });
    await logger.forceFlush();
    const records = await store.readPredictions(everything);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: response.headers.get('x-prediction-id'), prediction: { label: 'No', score: 0.4 } });
    expect(app.driftwatch.counters).toMatchObject({ requests: 2, predictions: 1, invalidBodies: 1 });
  });

  it('answers bad bodies with 4xx, never calls the handler, counts them and stores nothing', async () => {
    const harness = await start({ maxBodyBytes: 1024, metrics: true });
    const invalid = await postJson(`${harness.url}/predict`, { tenure: -1, Contract: 'Forever' });
    expect(invalid.status).toBe(422);
    expect((invalid.body as { error: string }).error).toBe('invalid_body');
    expect((await postJson(`${harness.url}/predict`, '{"tenure":')).status).toBe(400);
    expect((await postJson(`${harness.url}/predict`, { ...goodBody, Contract: 'x'.repeat(5000) })).status).toBe(413);
    const xml = await fetch(`${harness.url}/predict`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<tenure/>' });
    expect(xml.status).toBe(415);
    expect(harness.handlerCalls).toBe(0);
    expect(harness.app.driftwatch.counters.invalidBodies).toBe(4);
    expect(await harness.predictions()).toEqual([]);
    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(metrics).toMatch(/driftwatch_invalid_bodies_total\{model="churn",reason="too_large"\} 1/);
  });

  it('validates with an asynchronous schema, and answers 422 when a schema throws', async () => {
    // zod's Standard Schema entry point answers with a promise when a refinement is asynchronous.
    const asyncSchema = schema.refine(async (body) => body.MonthlyCharges < 1000, { message: 'too dear' });
    const harness = await start({ schema: asyncSchema });
    const accepted = await postJson(`${harness.url}/predict`, goodBody);
    expect(accepted.status).toBe(200);
    const refused = await postJson(`${harness.url}/predict`, { ...goodBody, MonthlyCharges: 5000 });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: 'invalid_body', issues: [{ message: 'too dear' }] });
    const throwing = await start({ schema: throwingSchema });
    expect((await postJson(`${throwing.url}/predict`, goodBody)).status).toBe(422);
    expect(throwing.errors.map((error) => error.code)).toEqual(['VALIDATION_FAILED']);
    expect(harness.handlerCalls + throwing.handlerCalls).toBe(1);
    const [record] = await harness.predictions();
    expect(record).toMatchObject({ features: goodBody, prediction: { label: 'Yes', score: 0.71 } });
    expect(await harness.predictions()).toHaveLength(1);
  });

  it('logs a throwing handler as an error and leaves Fastify\'s error response unchanged', async () => {
    const harness = await start({}, async () => {
      throw new Error('model exploded');
    });
    const response = await postJson(`${harness.url}/predict`, goodBody);
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'model exploded' });
    const [record] = await harness.predictions();
    expect(record).toMatchObject({ status: 'error', errorMessage: 'model exploded', features: goodBody });
  });

  it('guards predict, outcomes, metrics and admin routes with rotated keys; health stays open', async () => {
    const harness = await start({ apiKeys: { environment: { DRIFTWATCH_API_KEYS: 'key-a,key-b' } }, metrics: true });
    expect((await postJson(`${harness.url}/predict`, goodBody)).status).toBe(401);
    expect((await postJson(`${harness.url}/predict`, goodBody, { 'x-api-key': 'key-c' })).status).toBe(401);
    expect((await postJson(`${harness.url}/predict`, goodBody, { authorization: 'Bearer key-a' })).status).toBe(200);
    expect((await postJson(`${harness.url}/predict`, goodBody, { 'x-api-key': 'key-b' })).status).toBe(200);
    expect(harness.handlerCalls).toBe(2);
    expect((await fetch(`${harness.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${harness.url}/metrics`, { headers: { authorization: 'Bearer key-b' } })).status).toBe(200);
    expect((await fetch(`${harness.url}/admin`)).status).toBe(401);
    expect((await postJson(`${harness.url}/outcomes`, { predictionId: 'p', label: 1 })).status).toBe(401);
    expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
  });

  it('records outcomes that join their predictions, and refuses bad ones with 422', async () => {
    const harness = await start();
    const first = await postJson(`${harness.url}/predict`, goodBody);
    const second = await postJson(`${harness.url}/predict`, { ...goodBody, tenure: 40 });
    const ids = [first.headers.get('x-prediction-id')!, second.headers.get('x-prediction-id')!];
    expect(await postJson(`${harness.url}/outcomes`, ids.map((predictionId) => ({ predictionId, label: 'No' })))).toMatchObject({ status: 202, body: { count: 2 } });
    expect((await postJson(`${harness.url}/outcomes`, { predictionId: ids[0], label: null })).status).toBe(422);
    await harness.logger.forceFlush();
    const joined = await harness.store.readLabelledPredictions({ modelName: 'churn', from: new Date(0), to: new Date(Date.now() + 60_000) });
    expect(joined.map((pair) => pair.prediction.id)).toEqual(ids);
  });

  it('answers unchanged when the store rejects or hangs', async () => {
    for (const mode of ['reject', 'hang'] as const) {
      const harness = await start({ store: createFaultyStore(mode) });
      const responses = await mapConcurrently(Array.from({ length: 10 }, (_, index) => index), 5, () => postJson(`${harness.url}/predict`, goodBody));
      for (const response of responses) expect(response).toMatchObject({ status: 200, body: { label: 'Yes', score: 0.71 } });
    }
  });

  it('routes sticky per unit key and scores the shadow after the response, without returning it', async () => {
    let releaseShadow!: () => void;
    const gate = new Promise<void>((resolve) => {
      releaseShadow = resolve;
    });
    const router = createSaltedSplitRouter({
      modelName: 'churn',
      champion: '3',
      challenger: '4',
      challengerShare: 0.5,
      shadow: { alias: 'shadow', modelVersion: '5' },
    });
    const harness = await start(
      {
        router,
        maxShadowInFlight: 100,
        getUnitKey: (request) => request.headers['x-customer-id'] as string | undefined,
        scoreShadow: async () => {
          await gate;
          return { score: 0.99 };
        },
      },
      async (request) => ({ label: 'Yes', score: 0.5, alias: request.driftwatch!.route.alias }),
    );
    const keys = Array.from({ length: 40 }, (_, index) => `customer-${index}`);
    const first = await mapConcurrently(keys, 8, (key) => postJson(`${harness.url}/predict`, goodBody, { 'x-customer-id': key }));
    const again = await mapConcurrently(keys, 8, (key) => postJson(`${harness.url}/predict`, goodBody, { 'x-customer-id': key }));
    again.forEach((response, index) => expect((response.body as { alias: string }).alias).toBe((first[index]!.body as { alias: string }).alias));
    expect(new Set(first.map((response) => (response.body as { alias: string }).alias))).toEqual(new Set(['champion', 'challenger']));
    for (const response of first) expect(response.body).not.toHaveProperty('shadow');
    releaseShadow();
    await harness.app.driftwatch.shutdown();
    const records = await harness.store.readPredictions(everything);
    expect(records.filter((record) => record.segment === 'shadow' && record.modelVersion === '5' && record.prediction.score === 0.99)).toHaveLength(80);
  });

  it('skips shadow scoring beyond maxShadowInFlight, never delaying responses', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const router = createSaltedSplitRouter({ modelName: 'churn', champion: '3', challenger: '4', challengerShare: 0, shadow: { alias: 'shadow', modelVersion: '5' } });
    const harness = await start({
      router,
      maxShadowInFlight: 2,
      scoreShadow: async () => {
        await gate;
        return { score: 0.1 };
      },
    });
    for (let index = 0; index < 5; index++) expect((await postJson(`${harness.url}/predict`, goodBody)).status).toBe(200);
    expect(harness.app.driftwatch.counters).toMatchObject({ shadowSkipped: 3 });
    release();
    await harness.app.driftwatch.shutdown();
    expect(harness.app.driftwatch.counters.shadowScored).toBe(2);
  });

  it('serves a cache hit flagged, without calling the handler', async () => {
    const harness = await start({ cache: true });
    const first = await postJson(`${harness.url}/predict`, goodBody);
    const second = await postJson(`${harness.url}/predict`, { MonthlyCharges: 70.35, tenure: 12, Contract: 'Month-to-month' });
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('x-driftwatch-cache')).toBe('hit');
    expect(harness.handlerCalls).toBe(1);
    const records = await harness.predictions();
    expect(records.filter((record) => record.cacheHit === true)).toHaveLength(1);
  });

  it('flushes the logger it owns when the app closes', async () => {
    const store = createInMemoryEventStore();
    const app = Fastify();
    await app.register(driftwatchFastify, { modelName: 'churn', modelVersion: '3', store });
    app.post('/predict', { config: { driftwatch: true } }, async () => ({ score: 0.4 }));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    expect((await postJson(`${url}/predict`, goodBody)).status).toBe(200);
    await app.close();
    expect(await store.readPredictions(everything)).toHaveLength(1);
  });
});
