import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DriftwatchError, type Clock } from '@driftwatch/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHttpTestServer, type HttpTestServer, type ReceivedRequest } from './internal/http-test-server.test-helper.js';
import { sampleAlert } from './internal/sample-alert.test-helper.js';
import { createWebhookAlertSink, type WebhookAlertPayload } from './webhook-alert-sink.js';

const secret = 'test-signing-secret';
const nowMillis = Date.parse('2025-01-15T10:31:00.000Z');

/** A clock frozen at `nowMillis` whose timers are real, so per-attempt timeouts still fire. */
const frozenClock: Clock = {
  now: () => nowMillis,
  setTimeout(callback, delayMillis) {
    const timer = setTimeout(callback, delayMillis);
    return { cancel: () => clearTimeout(timer) };
  },
  setInterval(callback, intervalMillis) {
    const timer = setInterval(callback, intervalMillis);
    return { cancel: () => clearInterval(timer) };
  },
};

/** The receiver-side recipe from the JSDoc of createWebhookAlertSink and the guide, with `now` passed in. */
function isGenuineDriftwatchRequest(
  rawBody: string,
  timestamp: string | undefined,
  signature: string | undefined,
  signingSecret: string,
  nowSeconds: number,
): boolean {
  if (timestamp === undefined || signature === undefined || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > 300) return false; // too old: a replay
  const expected = Buffer.from(`sha256=${createHmac('sha256', signingSecret).update(`${timestamp}.${rawBody}`).digest('hex')}`);
  const received = Buffer.from(signature);
  return received.length === expected.length && timingSafeEqual(received, expected);
}

function header(request: ReceivedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isVerified(request: ReceivedRequest): boolean {
  return isGenuineDriftwatchRequest(
    request.body,
    header(request, 'x-driftwatch-timestamp'),
    header(request, 'x-driftwatch-signature'),
    secret,
    nowMillis / 1000,
  );
}

/** A fast, deterministic backoff: records each wait instead of sleeping. */
function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (delayMillis: number) => void delays.push(delayMillis) };
}

describe('createWebhookAlertSink', () => {
  let server: HttpTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    vi.unstubAllEnvs();
  });

  it('POSTs the alert as signed JSON with a timestamp and an idempotency key', async () => {
    server = await startHttpTestServer((request, response) => {
      response.writeHead(isVerified(request) ? 204 : 401).end();
    });
    const sink = createWebhookAlertSink({ url: server.url, secret, clock: frozenClock });
    const alert = sampleAlert({ deliveries: [{ sink: 'slack', ok: true, attempts: 1, at: new Date() }] });

    const result = await sink.send(alert);

    expect(result).toEqual({ ok: true, attempts: 1, statusCode: 204 });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-driftwatch-timestamp']).toBe(String(nowMillis / 1000));
    expect(request?.headers['x-driftwatch-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(request?.headers['idempotency-key']).toMatch(/^[0-9a-f]{64}$/);
    const payload = JSON.parse(request?.body ?? '') as WebhookAlertPayload;
    expect(payload).toEqual({
      id: alert.id,
      dedupeKey: alert.dedupeKey,
      modelName: 'churn',
      modelVersion: 'v3',
      severity: 'CRITICAL',
      status: 'firing',
      title: alert.title,
      message: alert.message,
      evidence: alert.evidence,
      createdAt: '2025-01-15T10:30:00.000Z',
    });
    expect(payload).not.toHaveProperty('deliveries');
    await sink.shutdown();
  });

  it('retries 500 twice with full-jitter backoff, then succeeds with the same idempotency key', async () => {
    server = await startHttpTestServer((request, response, index) => {
      if (!isVerified(request)) return void response.writeHead(401).end();
      response.writeHead(index < 2 ? 500 : 200).end(index < 2 ? 'temporarily broken' : 'ok');
    });
    const { delays, sleep } = recordingSleep();
    const sink = createWebhookAlertSink({
      url: server.url,
      secret,
      clock: frozenClock,
      sleep,
      random: () => 0.5,
      initialBackoffMillis: 500,
    });

    const result = await sink.send(sampleAlert());

    expect(result).toEqual({ ok: true, attempts: 3, statusCode: 200 });
    // Full jitter: 0.5 × 500 ms, then 0.5 × 1 000 ms.
    expect(delays).toEqual([250, 500]);
    const keys = server.requests.map((request) => header(request, 'idempotency-key'));
    expect(new Set(keys).size).toBe(1);
    expect(server.requests.every(isVerified)).toBe(true);
    await sink.shutdown();
  });

  it('caps the backoff bound at maxBackoffMillis', async () => {
    server = await startHttpTestServer((_request, response) => void response.writeHead(503).end());
    const { delays, sleep } = recordingSleep();
    const sink = createWebhookAlertSink({
      url: server.url,
      maxAttempts: 5,
      initialBackoffMillis: 100,
      maxBackoffMillis: 300,
      sleep,
      random: () => 0.999,
    });

    const result = await sink.send(sampleAlert());

    expect(result).toMatchObject({ ok: false, attempts: 5, statusCode: 503, retryable: true });
    expect(delays).toEqual([99, 199, 299, 299]);
    await sink.shutdown();
  });

  it('does not retry a 400 and reports the response text', async () => {
    server = await startHttpTestServer((_request, response) => void response.writeHead(400).end('missing field "severity"'));
    const { delays, sleep } = recordingSleep();
    const sink = createWebhookAlertSink({ url: server.url, secret, sleep });

    const result = await sink.send(sampleAlert());

    expect(result).toEqual({ ok: false, attempts: 1, statusCode: 400, retryable: false, error: 'HTTP 400: missing field "severity"' });
    expect(delays).toEqual([]);
    expect(server.requests).toHaveLength(1);
    await sink.shutdown();
  });

  it('is refused by a receiver that checks the signature when the secret is wrong, without retrying', async () => {
    server = await startHttpTestServer((request, response) => void response.writeHead(isVerified(request) ? 200 : 401).end());
    const sink = createWebhookAlertSink({ url: server.url, secret: 'not-the-secret', clock: frozenClock, sleep: async () => {} });

    const result = await sink.send(sampleAlert());

    expect(result).toMatchObject({ ok: false, attempts: 1, statusCode: 401, retryable: false });
    await sink.shutdown();
  });

  it('honours Retry-After on a 429', async () => {
    server = await startHttpTestServer((_request, response, index) => {
      if (index === 0) return void response.writeHead(429, { 'retry-after': '2' }).end('slow down');
      response.writeHead(200).end();
    });
    const { delays, sleep } = recordingSleep();
    const sink = createWebhookAlertSink({ url: server.url, sleep, random: () => 0.5 });

    const result = await sink.send(sampleAlert());

    expect(result).toEqual({ ok: true, attempts: 2, statusCode: 200 });
    expect(delays).toEqual([2_000]);
    await sink.shutdown();
  });

  it('reads a Retry-After HTTP-date against the injected clock', async () => {
    const retryAt = new Date(nowMillis + 3_000).toUTCString();
    server = await startHttpTestServer((_request, response, index) => {
      if (index === 0) return void response.writeHead(503, { 'retry-after': retryAt }).end();
      response.writeHead(200).end();
    });
    const { delays, sleep } = recordingSleep();
    const sink = createWebhookAlertSink({ url: server.url, sleep, random: () => 0, clock: frozenClock });

    expect(await sink.send(sampleAlert())).toMatchObject({ ok: true, attempts: 2 });
    expect(delays).toEqual([3_000]);
    await sink.shutdown();
  });

  it('gives up with a retryable failure when Retry-After exceeds maxBackoffMillis', async () => {
    server = await startHttpTestServer((_request, response) => void response.writeHead(429, { 'retry-after': '3600' }).end());
    const { delays, sleep } = recordingSleep();
    const sink = createWebhookAlertSink({ url: server.url, sleep, maxBackoffMillis: 30_000 });

    const result = await sink.send(sampleAlert());

    expect(result).toMatchObject({ ok: false, attempts: 1, statusCode: 429, retryable: true });
    expect(result.error).toContain('Retry-After of 3600 s exceeds maxBackoffMillis');
    expect(delays).toEqual([]);
    await sink.shutdown();
  });

  it('times out a hanging receiver and reports a retryable failure after every attempt', async () => {
    server = await startHttpTestServer(() => {
      // Never respond.
    });
    const { delays, sleep } = recordingSleep();
    const sink = createWebhookAlertSink({ url: server.url, timeoutMillis: 100, maxAttempts: 2, sleep, random: () => 0 });

    const started = Date.now();
    const result = await sink.send(sampleAlert());

    expect(result).toEqual({ ok: false, attempts: 2, retryable: true, error: 'timed out after 100 ms' });
    expect(server.requests).toHaveLength(2);
    expect(delays).toEqual([0]);
    expect(Date.now() - started).toBeLessThan(5_000);
    await sink.shutdown();
  });

  it('retries a network error (nothing listening) and reports it as retryable', async () => {
    const port = await unusedPort();
    const { delays, sleep } = recordingSleep();
    const sink = createWebhookAlertSink({ url: `http://127.0.0.1:${port}/`, maxAttempts: 3, sleep, random: () => 0 });

    const result = await sink.send(sampleAlert());

    expect(result).toMatchObject({ ok: false, attempts: 3, retryable: true });
    expect(result.statusCode).toBeUndefined();
    expect(result.error).toMatch(/^network error: .*ECONNREFUSED/);
    expect(delays).toHaveLength(2);
    await sink.shutdown();
  });

  it('does not follow redirects', async () => {
    server = await startHttpTestServer((request, response) => {
      if (request.path === '/elsewhere') return void response.writeHead(200).end();
      response.writeHead(307, { location: '/elsewhere' }).end();
    });
    const sink = createWebhookAlertSink({ url: server.url, secret, sleep: async () => {} });

    const result = await sink.send(sampleAlert());

    expect(result).toMatchObject({ ok: false, attempts: 1, statusCode: 307, retryable: false });
    expect(result.error).toContain('redirects are not followed');
    expect(server.requests.map((request) => request.path)).toEqual(['/hooks/driftwatch']);
    await sink.shutdown();
  });

  it('keys idempotency by alert id and status', async () => {
    server = await startHttpTestServer((_request, response) => void response.writeHead(200).end());
    const sink = createWebhookAlertSink({ url: server.url });

    await sink.send(sampleAlert());
    await sink.send(sampleAlert());
    await sink.send(sampleAlert({ status: 'resolved' }));
    await sink.send(sampleAlert({ id: 'alert-0002' }));

    const [first, repeat, resolved, other] = server.requests.map((request) => header(request, 'idempotency-key'));
    expect(repeat).toBe(first);
    expect(resolved).not.toBe(first);
    expect(other).not.toBe(first);
    await sink.shutdown();
  });

  it('takes the secret from DRIFTWATCH_WEBHOOK_SECRET, lets the config override it, and sends unsigned without either', async () => {
    server = await startHttpTestServer((_request, response) => void response.writeHead(200).end());

    vi.stubEnv('DRIFTWATCH_WEBHOOK_SECRET', secret);
    const fromEnvironment = createWebhookAlertSink({ url: server.url, clock: frozenClock });
    const fromConfig = createWebhookAlertSink({ url: server.url, clock: frozenClock, secret: 'config-secret' });
    vi.stubEnv('DRIFTWATCH_WEBHOOK_SECRET', '');
    const unsigned = createWebhookAlertSink({ url: server.url, clock: frozenClock });

    await fromEnvironment.send(sampleAlert());
    await fromConfig.send(sampleAlert());
    await unsigned.send(sampleAlert());

    const [environmentRequest, configRequest, unsignedRequest] = server.requests;
    expect(isVerified(environmentRequest!)).toBe(true);
    expect(isVerified(configRequest!)).toBe(false);
    expect(
      isGenuineDriftwatchRequest(
        configRequest!.body,
        header(configRequest!, 'x-driftwatch-timestamp'),
        header(configRequest!, 'x-driftwatch-signature'),
        'config-secret',
        nowMillis / 1000,
      ),
    ).toBe(true);
    expect(unsignedRequest!.headers).not.toHaveProperty('x-driftwatch-signature');
    expect(unsignedRequest!.headers).not.toHaveProperty('x-driftwatch-timestamp');
    await Promise.all([fromEnvironment.shutdown(), fromConfig.shutdown(), unsigned.shutdown()]);
  });

  it('rejects a stale timestamp in the verification recipe', async () => {
    server = await startHttpTestServer((_request, response) => void response.writeHead(200).end());
    const sink = createWebhookAlertSink({ url: server.url, secret, clock: frozenClock });
    await sink.send(sampleAlert());
    const [request] = server.requests;
    const verifyAt = (nowSeconds: number) =>
      isGenuineDriftwatchRequest(
        request!.body,
        header(request!, 'x-driftwatch-timestamp'),
        header(request!, 'x-driftwatch-signature'),
        secret,
        nowSeconds,
      );
    expect(verifyAt(nowMillis / 1000 + 299)).toBe(true);
    expect(verifyAt(nowMillis / 1000 + 301)).toBe(false);
    await sink.shutdown();
  });

  it('sends extra headers but keeps its own', async () => {
    server = await startHttpTestServer((_request, response) => void response.writeHead(200).end());
    const sink = createWebhookAlertSink({
      url: server.url,
      headers: { Authorization: 'Bearer token-123', 'Content-Type': 'text/plain' },
    });

    await sink.send(sampleAlert());

    expect(server.requests[0]?.headers.authorization).toBe('Bearer token-123');
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    await sink.shutdown();
  });

  it('returns a failure instead of throwing when the alert cannot be serialised', async () => {
    server = await startHttpTestServer((_request, response) => void response.writeHead(200).end());
    const sink = createWebhookAlertSink({ url: server.url });
    const alert = sampleAlert();
    alert.evidence.extra = BigInt(1);

    const result = await sink.send(alert);

    expect(result).toMatchObject({ ok: false, attempts: 0, retryable: false });
    expect(result.error).toMatch(/^alert is not serialisable to JSON/);
    expect(server.requests).toHaveLength(0);
    await sink.shutdown();
  });

  it('waits for deliveries in flight on shutdown, then refuses new ones', async () => {
    server = await startHttpTestServer((_request, response) => {
      setTimeout(() => response.writeHead(200).end(), 150);
    });
    const sink = createWebhookAlertSink({ url: server.url });

    const delivery = sink.send(sampleAlert());
    await new Promise((resolve) => setTimeout(resolve, 20));
    let deliveryDone = false;
    void delivery.then(() => (deliveryDone = true));
    await sink.shutdown();

    expect(deliveryDone).toBe(true);
    expect(await delivery).toEqual({ ok: true, attempts: 1, statusCode: 200 });
    expect(await sink.send(sampleAlert())).toEqual({ ok: false, attempts: 0, error: 'shut down', retryable: false });
    await sink.shutdown();
  });

  it('bounds shutdown: a hanging delivery is aborted after shutdownTimeoutMillis', async () => {
    server = await startHttpTestServer(() => {
      // Never respond.
    });
    const sink = createWebhookAlertSink({ url: server.url, timeoutMillis: 60_000, shutdownTimeoutMillis: 100 });

    const delivery = sink.send(sampleAlert());
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await sink.shutdown();

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await delivery).toEqual({
      ok: false,
      attempts: 1,
      retryable: true,
      error: 'shut down before delivery completed',
    });
  });

  it('interrupts a backoff wait on shutdown, even with a sleep that ignores the signal', async () => {
    server = await startHttpTestServer((_request, response) => void response.writeHead(503).end());
    const sink = createWebhookAlertSink({
      url: server.url,
      shutdownTimeoutMillis: 50,
      sleep: () => new Promise(() => {}),
    });

    const delivery = sink.send(sampleAlert());
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sink.shutdown();

    expect(await delivery).toMatchObject({ ok: false, attempts: 1, error: 'shut down before delivery completed' });
  });

  it('makes shutdown idempotent', async () => {
    const sink = createWebhookAlertSink({ url: 'http://127.0.0.1:9/' });
    const first = sink.shutdown();
    expect(sink.shutdown()).toBe(first);
    await first;
  });

  it('validates its config at construction without echoing the URL', () => {
    const attempt = (build: () => unknown) => {
      try {
        build();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const badUrl = attempt(() => createWebhookAlertSink({ url: 'ftp://secret-token@example.com' }));
    expect(DriftwatchError.isInstance(badUrl) && badUrl.code).toBe('INVALID_ARGUMENT');
    expect(String((badUrl as Error).message)).not.toContain('secret-token');
    expect(() => createWebhookAlertSink({ url: 'https://example.com', maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => createWebhookAlertSink({ url: 'https://example.com', timeoutMillis: -1 })).toThrow(/timeoutMillis/);
    expect(() => createWebhookAlertSink({ url: 'https://example.com', headers: { 'bad header': 'x' } })).toThrow(/headers/);
  });
});

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
