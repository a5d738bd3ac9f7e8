import { resolveTrafficConfig } from './internal/resolve-traffic-config.js';
import { simulateTraffic, type SimulateTrafficConfig } from './simulate-traffic.js';
import type { TrafficRequest } from './traffic-event.js';

/** Options for {@link sendTraffic}: where to send, plus everything {@link simulateTraffic} takes. */
export interface SendTrafficConfig extends SimulateTrafficConfig {
  /** The service, such as `'http://localhost:3000'`. */
  baseUrl: string;
  /**
   * Sent as `Authorization: Bearer <apiKey>`.
   * @default undefined (no authorization header)
   */
  apiKey?: string;
  /**
   * The prediction route (POST, the features as a JSON object).
   * @default '/predict'
   */
  predictPath?: string;
  /**
   * The outcomes route (POST, a JSON array of `{ predictionId, label }`).
   * @default '/outcomes'
   */
  outcomesPath?: string;
  /**
   * The response header holding the prediction id.
   * @default 'X-Prediction-Id'
   */
  predictionIdHeader?: string;
  /**
   * Outcomes per POST to the outcomes route.
   * @default 100
   */
  outcomeBatchSize?: number;
  /**
   * Prediction requests in flight at once.
   * @default 8
   */
  concurrency?: number;
  /**
   * Add each outcome's simulated time as its `timestamp`, for a service whose clock follows the simulation.
   * @default false (the service stamps outcomes on arrival)
   */
  sendOutcomeTimestamps?: boolean;
  /**
   * The fetch to use.
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch;
  /**
   * Hears about each failed call (a network error or a non-2xx status); failures are counted, never thrown.
   * @default undefined
   */
  onError?: (error: Error) => void;
}

/** What {@link sendTraffic} did. */
export interface SendTrafficResult {
  /** Prediction requests sent. */
  requests: number;
  /** Requests answered with a 2xx status and a prediction id. */
  predictions: number;
  /** Requests that failed or came back without a prediction id. */
  failedRequests: number;
  /** Outcomes accepted by the outcomes route. */
  outcomes: number;
  /** Outcomes in batches the outcomes route refused or that failed. */
  failedOutcomes: number;
  /** Outcomes not sent because their request got no prediction id. */
  outcomesWithoutPrediction: number;
}

/**
 * Replays {@link simulateTraffic} against a running service over HTTP: each request is a
 * `POST /predict` with the customer's row as JSON (an `X-Simulated-Time` header carries its
 * simulated time); the prediction id is read from the `X-Prediction-Id` response header; the
 * delayed outcomes go to `POST /outcomes` in batches of `{ predictionId, label }`. It sends as
 * fast as the service answers, at most `concurrency` requests at once, and never throws for a
 * failed call: it counts it and tells `onError`.
 *
 * @example
 * ```ts
 * const result = await sendTraffic({
 *   baseUrl: 'http://localhost:3000',
 *   apiKey: process.env.CHURN_API_KEY,
 *   scenario: createSuddenDriftScenario(),
 *   endMillis: simulationStartMillis + 21 * dayMillis,
 * });
 * console.log(`${result.predictions} predictions, ${result.outcomes} outcomes`);
 * ```
 */
export async function sendTraffic(config: SendTrafficConfig): Promise<SendTrafficResult> {
  const {
    baseUrl,
    apiKey,
    predictPath = '/predict',
    outcomesPath = '/outcomes',
    predictionIdHeader = 'X-Prediction-Id',
    outcomeBatchSize = 100,
    concurrency = 8,
    sendOutcomeTimestamps = false,
    fetch = globalThis.fetch,
    onError,
  } = config;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
  const result: SendTrafficResult = { requests: 0, predictions: 0, failedRequests: 0, outcomes: 0, failedOutcomes: 0, outcomesWithoutPrediction: 0 };
  const report = (error: Error) => {
    try {
      onError?.(error);
    } catch {
      // A failing listener must not stop the traffic.
    }
  };

  async function call(path: string, body: unknown, simulatedTimeMillis: number): Promise<Response | undefined> {
    try {
      const response = await fetch(`${baseUrl.replace(/\/+$/, '')}${path}`, {
        method: 'POST',
        headers: { ...headers, 'x-simulated-time': new Date(simulatedTimeMillis).toISOString() },
        body: JSON.stringify(body),
      });
      if (response.ok) return response;
      report(new Error(`POST ${path} answered ${response.status}: ${(await response.text()).slice(0, 200)}`));
    } catch (error) {
      report(error instanceof Error ? error : new Error(String(error)));
    }
    return undefined;
  }

  async function predict(request: TrafficRequest): Promise<string | undefined> {
    const response = await call(predictPath, request.features, request.timeMillis);
    if (response === undefined) {
      result.failedRequests++;
      return undefined;
    }
    // Read the body so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    const predictionId = response.headers.get(predictionIdHeader);
    if (predictionId === null || predictionId === '') {
      result.failedRequests++;
      report(new Error(`POST ${predictPath} answered without a ${predictionIdHeader} header.`));
      return undefined;
    }
    result.predictions++;
    return predictionId;
  }

  let batch: Array<{ predictionId: string; label: string; timestamp?: string }> = [];
  let batchTimeMillis = 0;
  async function flushOutcomes(): Promise<void> {
    if (batch.length === 0) return;
    const sending = batch;
    batch = [];
    const response = await call(outcomesPath, sending, batchTimeMillis);
    if (response === undefined) {
      result.failedOutcomes += sending.length;
      return;
    }
    await response.arrayBuffer().catch(() => undefined);
    result.outcomes += sending.length;
  }

  const { maximumOutcomeDelayMillis } = resolveTrafficConfig(config);
  // Request index → its prediction id, in request order; requests whose outcome can no longer come are dropped.
  const predictionIds = new Map<number, { timeMillis: number; predictionId: Promise<string | undefined> }>();
  const inFlight = new Set<Promise<unknown>>();
  for (const event of simulateTraffic(config)) {
    if (event.kind === 'request') {
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      result.requests++;
      for (const [requestIndex, { timeMillis }] of predictionIds) {
        if (timeMillis >= event.timeMillis - maximumOutcomeDelayMillis) break;
        predictionIds.delete(requestIndex);
      }
      const pending = predict(event);
      predictionIds.set(event.requestIndex, { timeMillis: event.timeMillis, predictionId: pending });
      inFlight.add(pending);
      void pending.finally(() => inFlight.delete(pending));
      continue;
    }
    // The outcome comes a simulated day or more after its request, whose answer is long in.
    const predictionId = await predictionIds.get(event.requestIndex)?.predictionId;
    predictionIds.delete(event.requestIndex);
    if (predictionId === undefined) {
      result.outcomesWithoutPrediction++;
      continue;
    }
    batch.push(sendOutcomeTimestamps ? { predictionId, label: event.label, timestamp: new Date(event.timeMillis).toISOString() } : { predictionId, label: event.label });
    batchTimeMillis = event.timeMillis;
    if (batch.length >= outcomeBatchSize) await flushOutcomes();
  }
  await Promise.all(inFlight);
  await flushOutcomes();
  return result;
}
