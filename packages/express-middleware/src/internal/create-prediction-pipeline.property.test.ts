import { createPredictionLogger, predictionRecordSchema, type EventStore, type PredictionLogger } from '@driftwatch/core';
import { createInMemoryEventStore } from '@driftwatch/core/testing';
import express from 'express';
import Fastify from 'fastify';
import fc from 'fast-check';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDriftwatchMiddleware } from '../express/create-driftwatch-middleware.js';
import { driftwatchFastify } from '../fastify/driftwatch-fastify.js';
import { close, listen } from './http.test-helper.js';

// Fuzzes the wrapped route over real HTTP: whatever arrives, a malformed body gets a 4xx, the
// handler is never called for it, nothing malformed is stored, and the server keeps serving.

const schema = z.object({
  tenure: z.number().int().min(0),
  Contract: z.enum(['Month-to-month', 'One year', 'Two year']),
  MonthlyCharges: z.number(),
});
const maxBodyBytes = 64 * 1024;
const maxBodyDepth = 32;
const goodBody = { tenure: 12, Contract: 'One year', MonthlyCharges: 70.35 };

interface Attempt {
  contentType: string | undefined;
  body: string;
  /** True when the body is malformed by construction; `undefined` when the schema decides. */
  malformed: boolean | undefined;
}

const validBody = fc.record({
  tenure: fc.nat({ max: 100 }),
  Contract: fc.constantFrom('Month-to-month', 'One year', 'Two year'),
  MonthlyCharges: fc.double({ min: 0, max: 200, noNaN: true }),
});
const wrongValue = fc.oneof(fc.string({ maxLength: 20 }), fc.boolean(), fc.constant(null), fc.array(fc.nat(), { maxLength: 3 }), fc.object({ maxDepth: 2 }), fc.double({ noNaN: true }));

/** A valid body with one field given a value of the wrong type, or removed. */
const wrongTypeOrMissing = fc
  .tuple(validBody, fc.constantFrom('tenure', 'Contract', 'MonthlyCharges'), fc.option(wrongValue, { nil: undefined }))
  .filter(([, field, value]) => value === undefined || !schema.shape[field as keyof typeof schema.shape].safeParse(value).success)
  .map(([body, field, value]): Attempt => {
    const copy: Record<string, unknown> = { ...body };
    if (value === undefined) delete copy[field];
    else copy[field] = value;
    return { contentType: 'application/json', body: JSON.stringify(copy), malformed: true };
  });

const hugeString = fc.integer({ min: maxBodyBytes, max: maxBodyBytes * 4 }).map(
  (length): Attempt => ({ contentType: 'application/json', body: JSON.stringify({ ...goodBody, Contract: 'x'.repeat(length) }), malformed: true }),
);
const bigButAllowedString = fc.integer({ min: 1000, max: maxBodyBytes / 2 }).map(
  (length): Attempt => ({ contentType: 'application/json', body: JSON.stringify({ ...goodBody, MonthlyCharges: '9'.repeat(length) }), malformed: true }),
);
const deepNesting = fc.tuple(fc.integer({ min: maxBodyDepth + 1, max: 20_000 }), fc.boolean()).map(([depth, arrays]): Attempt => {
  const body = arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return { contentType: 'application/json', body: body.length > maxBodyBytes ? body.slice(0, maxBodyBytes) : body, malformed: true };
});
const deepInsideValidBody = fc.integer({ min: maxBodyDepth, max: 5000 }).map(
  (depth): Attempt => ({ contentType: 'application/json', body: `{"tenure":1,"Contract":"One year","MonthlyCharges":1,"extra":${'['.repeat(depth)}${']'.repeat(depth)}}`, malformed: true }),
);
const wrongContentType = fc
  .tuple(validBody, fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', undefined))
  .map(([body, contentType]): Attempt => ({ contentType, body: JSON.stringify(body), malformed: true }));
const invalidJson = fc
  .oneof(
    fc.string({ maxLength: 200 }),
    validBody.chain((body) => {
      const text = JSON.stringify(body);
      return fc.integer({ min: 0, max: text.length - 1 }).map((end) => text.slice(0, end));
    }),
    fc.constantFrom('{', '{"tenure":}', "{'tenure':1}", 'NaN', 'undefined', '{"a":1,}', '\u0000', '[1,2', '{"tenure":1}}'),
  )
  .filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  })
  .map((body): Attempt => ({ contentType: 'application/json', body, malformed: true }));
const jsonThatIsNotAnObject = fc
  .oneof(fc.integer(), fc.string({ maxLength: 50 }), fc.constant(null), fc.boolean(), fc.array(validBody, { maxLength: 3 }))
  .map((value): Attempt => ({ contentType: 'application/json', body: JSON.stringify(value), malformed: true }));
const prototypeTricks = fc
  .constantFrom('{"__proto__":{"tenure":1}}', '{"constructor":{"prototype":{"tenure":1}}}', '{"tenure":1,"Contract":"One year","__proto__":{"MonthlyCharges":1}}')
  .map((body): Attempt => ({ contentType: 'application/json', body, malformed: true }));
/** Anything JSON; the schema decides. */
const anyJson = fc
  .oneof(fc.jsonValue({ maxDepth: 4 }), validBody, validBody.map((body) => ({ ...body, extra: 'ignored' })))
  .map((value): Attempt => ({ contentType: 'application/json', body: JSON.stringify(value) ?? 'null', malformed: undefined }));

const attempts = fc.oneof(
  { arbitrary: wrongTypeOrMissing, weight: 4 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: bigButAllowedString, weight: 1 },
  { arbitrary: deepNesting, weight: 2 },
  { arbitrary: deepInsideValidBody, weight: 1 },
  { arbitrary: wrongContentType, weight: 2 },
  { arbitrary: invalidJson, weight: 3 },
  { arbitrary: jsonThatIsNotAnObject, weight: 2 },
  { arbitrary: prototypeTricks, weight: 1 },
  { arbitrary: anyJson, weight: 4 },
);

interface Target {
  url: string;
  store: EventStore;
  logger: PredictionLogger;
  handlerCalls: number;
  stop(): Promise<void>;
}

async function expressTarget(): Promise<Target> {
  const store = createInMemoryEventStore();
  const logger = createPredictionLogger({ store, flushIntervalMillis: 60_000, retentionDays: false });
  const driftwatch = createDriftwatchMiddleware({ modelName: 'churn', modelVersion: '1', store, logger, schema, maxBodyBytes, maxBodyDepth, onError: () => {} });
  const app = express();
  const target: Target = { url: '', store, logger, handlerCalls: 0, stop: async () => {} };
  app.post('/predict', driftwatch, (_request, response) => {
    target.handlerCalls++;
    response.json({ label: 'Yes', score: 0.5 });
  });
  const server = createServer(app);
  target.url = `${await listen(server)}/predict`;
  target.stop = async () => {
    await close(server);
    await driftwatch.shutdown();
    await logger.shutdown();
  };
  return target;
}

async function fastifyTarget(): Promise<Target> {
  const store = createInMemoryEventStore();
  const logger = createPredictionLogger({ store, flushIntervalMillis: 60_000, retentionDays: false });
  const app = Fastify();
  await app.register(driftwatchFastify, { modelName: 'churn', modelVersion: '1', store, logger, schema, maxBodyBytes, maxBodyDepth, onError: () => {} });
  const target: Target = { url: '', store, logger, handlerCalls: 0, stop: async () => {} };
  app.post('/predict', { config: { driftwatch: true } }, async () => {
    target.handlerCalls++;
    return { label: 'Yes', score: 0.5 };
  });
  target.url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/predict`;
  target.stop = async () => {
    await app.close();
    await logger.shutdown();
  };
  return target;
}

function isValid(attempt: Attempt): boolean {
  if (attempt.malformed !== undefined) return !attempt.malformed;
  return schema.safeParse(JSON.parse(attempt.body)).success;
}

describe.each([
  ['Express', expressTarget],
  ['Fastify', fastifyTarget],
] as const)('malformed bodies over HTTP (%s)', (_name, startTarget) => {
  let target: Target;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target.stop();
  });

  it('answer 4xx, never reach the handler, are never stored; valid bodies get 200 and are stored', async () => {
    let accepted = 0;
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(attempts, async (attempt) => {
        const callsBefore = target.handlerCalls;
        const response = await fetch(target.url, {
          method: 'POST',
          // A Uint8Array body makes fetch send no content type at all.
          ...(attempt.contentType === undefined
            ? { body: new TextEncoder().encode(attempt.body) }
            : { headers: { 'content-type': attempt.contentType }, body: attempt.body }),
        });
        await response.arrayBuffer();
        statuses.add(response.status);
        if (isValid(attempt)) {
          expect(response.status).toBe(200);
          accepted++;
        } else {
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(target.handlerCalls).toBe(callsBefore);
        }
      }),
      { numRuns: 200 },
    );

    // Every kind of refusal was exercised, not just one.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 400, 413, 415, 422]));

    // Still serving.
    const health = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(goodBody) });
    expect(health.status).toBe(200);
    accepted++;

    await target.logger.forceFlush();
    const stored = await target.store.readPredictions({ modelName: 'churn', from: new Date(0), to: new Date(Date.now() + 60_000), limit: 10_000 });
    expect(stored).toHaveLength(accepted);
    expect(target.handlerCalls).toBe(accepted);
    for (const record of stored) {
      expect(predictionRecordSchema.safeParse(record).success).toBe(true);
      expect(schema.strict().safeParse(record.features).success).toBe(true);
    }
  }, 180_000);
});
