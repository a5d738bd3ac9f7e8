import { createInMemoryEventStore } from '@driftwatch/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DriftwatchRequest } from '../driftwatch-config.js';
import { createPredictionPipeline, isPredictionExchange, type PredictionPipeline } from './create-prediction-pipeline.js';

// What the pipeline reads from and writes to the request. In Express every property access of a
// request goes through megamorphic lookups (Express sets the prototype of each request), so the
// pipeline touches the request only where it must: these tests count the accesses.

/** A request whose `headers` and `body` count their reads and writes. */
function countingRequest(body: unknown, headers: DriftwatchRequest['headers'] = {}) {
  const counts = { headerReads: 0, bodyReads: 0, bodyWrites: 0 };
  let current = body;
  const request: DriftwatchRequest = {
    get headers() {
      counts.headerReads++;
      return headers;
    },
    get body() {
      counts.bodyReads++;
      return current;
    },
    set body(value: unknown) {
      counts.bodyWrites++;
      current = value;
    },
  };
  return { request, counts, body: () => current };
}

const features = { tenure: 12, Contract: 'One year' };
const pipelines: Array<PredictionPipeline<DriftwatchRequest>> = [];

function pipeline(extra: Partial<Parameters<typeof createPredictionPipeline<DriftwatchRequest>>[0]> = {}): PredictionPipeline<DriftwatchRequest> {
  const created = createPredictionPipeline<DriftwatchRequest>({ modelName: 'churn', modelVersion: '3', store: createInMemoryEventStore(), ...extra });
  pipelines.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(pipelines.splice(0).map((created) => created.shutdown()));
});

describe('createPredictionPipeline: request accesses', () => {
  it('does not read the headers to authenticate when API keys are off, and reads them once when on', () => {
    const open = countingRequest(features);
    expect(pipeline().authenticate(open.request, 'predict')).toBe(true);
    expect(open.counts.headerReads).toBe(0);

    const guarded = pipeline({ apiKeys: { environment: { DRIFTWATCH_API_KEYS: 'key-a' } } });
    const refused = countingRequest(features, { authorization: 'Bearer wrong' });
    expect(guarded.authenticate(refused.request, 'predict')).toBe(false);
    expect(refused.counts.headerReads).toBe(1);
    const allowed = countingRequest(features, { authorization: 'Bearer key-a' });
    expect(guarded.authenticate(allowed.request, 'admin')).toBe(true);
    expect(allowed.counts.headerReads).toBe(1);
  });

  it('admits the body it is given without reading it back, and writes back only a new validated value', () => {
    // No schema: the body is the value; nothing is written.
    const plain = countingRequest(features);
    const admitted = pipeline().admit(plain.request, features);
    expect(isPredictionExchange(admitted)).toBe(true);
    expect(plain.counts).toEqual({ headerReads: 1, bodyReads: 0, bodyWrites: 0 });
    expect(isPredictionExchange(admitted) && admitted.features).toEqual(features);

    // A schema that strips a key: its new value is written once, and the features are read from it.
    const withExtra = { ...features, extra: 'stripped' };
    const stripped = countingRequest(withExtra);
    const exchange = pipeline({ schema: z.object({ tenure: z.number(), Contract: z.string() }) }).admit(stripped.request, withExtra);
    expect(stripped.counts).toEqual({ headerReads: 1, bodyReads: 0, bodyWrites: 1 });
    expect(stripped.body()).toEqual(features);
    expect(isPredictionExchange(exchange) && exchange.features).toEqual(features);
  });
});
