import { createInMemoryEventStore } from '@driftwatch/core/testing';
import express from 'express';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDriftwatchMiddleware } from '../express/create-driftwatch-middleware.js';
import { close, listen, postJson } from '../internal/http.test-helper.js';
import { createRedisPredictionCache } from './create-redis-prediction-cache.js';
import type { PredictionCache } from './prediction-cache.js';

// Against the real Redis on 127.0.0.1:6379, and against a closed port for the outage.

const clients: Redis[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
  for (const client of clients.splice(0)) client.disconnect();
});

function client(port = 6379): Redis {
  const redis = new Redis({ host: '127.0.0.1', port, commandTimeout: 200, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  redis.on('error', () => {}); // the outage test expects connection errors
  clients.push(redis);
  return redis;
}

async function connected(redis: Redis): Promise<Redis> {
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  return redis;
}

async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startApp(cache: PredictionCache) {
  const errors: string[] = [];
  let handlerCalls = 0;
  const driftwatch = createDriftwatchMiddleware({
    modelName: 'churn',
    modelVersion: '3',
    store: createInMemoryEventStore(),
    cache,
    onError: (error) => errors.push(error.message),
  });
  const app = express();
  app.post('/predict', driftwatch, (request, response) => {
    handlerCalls++;
    response.json({ label: 'Yes', score: (request.body as { tenure: number }).tenure / 100 });
  });
  const server = createServer(app);
  servers.push(server);
  return { url: `${await listen(server)}/predict`, errors, driftwatch, calls: () => handlerCalls };
}

describe('createRedisPredictionCache', () => {
  it('stores and reads entries with a TTL under a prefix', async () => {
    const redis = await connected(client());
    const keyPrefix = `driftwatch-test:${randomUUID()}:`;
    const cache = createRedisPredictionCache({ client: redis, keyPrefix, ttlSeconds: 30 });
    expect(await cache.get('k')).toBeUndefined();
    await cache.set('k', { body: '{"score":0.4}', prediction: { score: 0.4 } });
    expect(await cache.get('k')).toEqual({ body: '{"score":0.4}', prediction: { score: 0.4 } });
    const ttlMillis = await redis.pttl(`${keyPrefix}k`);
    expect(ttlMillis).toBeGreaterThan(25_000);
    expect(ttlMillis).toBeLessThanOrEqual(30_000);
    await redis.set(`${keyPrefix}foreign`, 'not ours');
    await expect(cache.get('foreign')).rejects.toThrow(); // unparseable: the middleware treats it as a failed lookup
    await redis.del(`${keyPrefix}k`, `${keyPrefix}foreign`);
  });

  it('serves a hit across two replicas sharing Redis, flagged, without calling the handler', async () => {
    const keyPrefix = `driftwatch-test:${randomUUID()}:`;
    const first = await startApp(createRedisPredictionCache({ client: await connected(client()), keyPrefix }));
    const second = await startApp(createRedisPredictionCache({ client: await connected(client()), keyPrefix }));
    const miss = await postJson(first.url, { tenure: 12 });
    expect(miss.headers.get('x-driftwatch-cache')).toBeNull();
    // The write is not awaited on the request path: wait for it to land.
    const redis = clients[0]!;
    for (let attempt = 0; attempt < 100 && (await redis.keys(`${keyPrefix}*`)).length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
    const hit = await postJson(second.url, { tenure: 12 });
    expect(hit.headers.get('x-driftwatch-cache')).toBe('hit');
    expect(hit.body).toEqual(miss.body);
    expect(second.calls()).toBe(0);
    expect(second.driftwatch.counters.cacheHits).toBe(1);
    const keys = await redis.keys(`${keyPrefix}*`);
    await redis.del(...keys);
    await first.driftwatch.shutdown();
    await second.driftwatch.shutdown();
  });

  it('falls back to no cache when Redis is down, never failing a request', async () => {
    const down = client(await closedPort());
    const app = await startApp(createRedisPredictionCache({ client: down }));
    for (let index = 0; index < 5; index++) {
      const response = await postJson(app.url, { tenure: 12 });
      expect(response).toMatchObject({ status: 200, body: { label: 'Yes', score: 0.12 } });
    }
    expect(app.calls()).toBe(5);
    expect(app.driftwatch.counters.cacheHits).toBe(0);
    expect(app.driftwatch.counters.monitoringErrors).toBeGreaterThanOrEqual(5);
    // Reported once, then throttled.
    expect(app.errors.filter((message) => message.includes('cache failed'))).toHaveLength(1);
    await app.driftwatch.shutdown();
  });

  it('times out a client that never answers', async () => {
    const hanging = { get: () => new Promise<string | null>(() => {}), set: () => new Promise<unknown>(() => {}) };
    const cache = createRedisPredictionCache({ client: hanging, timeoutMillis: 20 });
    await expect(cache.get('k')).rejects.toThrow(/longer than 20 ms/);
  });
});
