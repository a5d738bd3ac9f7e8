import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStableScenario } from '../scenarios/create-stable-scenario.js';
import { dayMillis, simulationStartMillis } from '../scenarios/simulated-time.js';
import { sendTraffic, type SendTrafficConfig } from './send-traffic.js';
import { simulateTraffic } from './simulate-traffic.js';

const apiKey = 'test-key';

/** A stand-in for the churn service: POST /predict answers with an X-Prediction-Id, POST /outcomes records batches. */
function createStubService() {
  const predictions = new Map<string, { customerId: string; simulatedTime: string }>();
  const outcomeBatches: Array<Array<{ predictionId: string; label: string; timestamp?: string }>> = [];
  let failEvery = 0;
  let predictCount = 0;
  const readBody = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  };
  const server = createServer((request, response) => {
    void (async () => {
      if (request.headers.authorization !== `Bearer ${apiKey}`) {
        response.writeHead(401).end('{"error":"unauthorized"}');
        return;
      }
      const body = await readBody(request);
      if (request.url === '/predict') {
        predictCount++;
        if (failEvery > 0 && predictCount % failEvery === 0) {
          response.writeHead(503).end('{"error":"busy"}');
          return;
        }
        const predictionId = `prediction-${predictCount}`;
        const features = body as { customerID: string };
        predictions.set(predictionId, { customerId: features.customerID, simulatedTime: String(request.headers['x-simulated-time']) });
        response.writeHead(200, { 'content-type': 'application/json', 'x-prediction-id': predictionId }).end('{"label":"No","score":0.2}');
      } else if (request.url === '/outcomes') {
        outcomeBatches.push(body as (typeof outcomeBatches)[number]);
        response.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
      } else {
        response.writeHead(404).end();
      }
    })();
  });
  return {
    server,
    predictions,
    outcomeBatches,
    reset(options: { failEvery?: number } = {}) {
      predictions.clear();
      outcomeBatches.length = 0;
      predictCount = 0;
      failEvery = options.failEvery ?? 0;
    },
  };
}

describe('sendTraffic', () => {
  const stub = createStubService();
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    server = stub.server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });

  const traffic = { scenario: createStableScenario(), endMillis: simulationStartMillis + 4 * dayMillis, requestsPerHour: 10, seed: 9 } satisfies Omit<SendTrafficConfig, 'baseUrl'>;

  it('posts every request, joins each delayed outcome to its prediction id, and batches the outcomes', async () => {
    stub.reset();
    const result = await sendTraffic({ ...traffic, baseUrl, apiKey, outcomeBatchSize: 25, sendOutcomeTimestamps: true });
    const events = [...simulateTraffic(traffic)];
    const expectedRequests = events.filter((event) => event.kind === 'request');
    const expectedOutcomes = events.filter((event) => event.kind === 'outcome');
    expect(expectedOutcomes.length).toBeGreaterThan(100);
    expect(result).toEqual({
      requests: expectedRequests.length,
      predictions: expectedRequests.length,
      failedRequests: 0,
      outcomes: expectedOutcomes.length,
      failedOutcomes: 0,
      outcomesWithoutPrediction: 0,
    });
    expect(stub.outcomeBatches.every((batch) => batch.length <= 25)).toBe(true);
    const sent = stub.outcomeBatches.flat();
    // Each outcome reaches the prediction made for its customer, with the right label, in order.
    expect(sent.map((outcome) => stub.predictions.get(outcome.predictionId)?.customerId)).toEqual(expectedOutcomes.map((outcome) => outcome.customerId));
    expect(sent.map((outcome) => outcome.label)).toEqual(expectedOutcomes.map((outcome) => outcome.label));
    expect(sent[0]!.timestamp).toBe(new Date(expectedOutcomes[0]!.timeMillis).toISOString());
    expect([...stub.predictions.values()][0]!.simulatedTime).toBe(new Date(expectedRequests[0]!.timeMillis).toISOString());
  });

  it('counts failed predictions, skips their outcomes, and never throws', async () => {
    stub.reset({ failEvery: 10 });
    const errors: Error[] = [];
    const result = await sendTraffic({ ...traffic, baseUrl, apiKey, onError: (error) => errors.push(error) });
    expect(result.failedRequests).toBe(Math.floor(result.requests / 10));
    expect(result.predictions + result.failedRequests).toBe(result.requests);
    expect(result.outcomesWithoutPrediction).toBeGreaterThan(0);
    expect(errors[0]!.message).toMatch(/503/);
    expect(stub.outcomeBatches.flat().every((outcome) => stub.predictions.has(outcome.predictionId))).toBe(true);
  });

  it('reports a rejected API key on every call instead of throwing', async () => {
    stub.reset();
    const errors: Error[] = [];
    const result = await sendTraffic({ ...traffic, endMillis: simulationStartMillis + dayMillis, baseUrl, apiKey: 'wrong', onError: (error) => errors.push(error) });
    expect(result.predictions).toBe(0);
    expect(result.failedRequests).toBe(result.requests);
    expect(errors.length).toBe(result.requests);
    expect(errors[0]!.message).toMatch(/401/);
  });
});
