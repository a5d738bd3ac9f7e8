import { createHash, createHmac } from 'node:crypto';
import {
  AlertDeliveryError,
  type AlertDeliveryResult,
  type AlertEvidence,
  type AlertRecord,
  type AlertSink,
  type AlertSeverity,
} from '@driftwatch/core';
import type { HttpAlertSinkOptions } from './http-alert-sink-options.js';
import { assertHeaders, assertHttpUrl, assertNonEmptyString } from './internal/assert-config.js';
import { createDeliveryTracker } from './internal/delivery-tracker.js';
import { describeError } from './internal/describe-error.js';
import { failedResult } from './internal/failed-result.js';
import { postWithRetries } from './internal/post-with-retries.js';
import {
  resolveHttpAlertSinkOptions,
  type ResolvedHttpAlertSinkOptions,
} from './internal/resolve-http-alert-sink-options.js';

/** The environment variable that supplies the signing secret when the config has none. */
const secretEnvironmentVariable = 'DRIFTWATCH_WEBHOOK_SECRET';

/**
 * Config for {@link createWebhookAlertSink}.
 *
 * @example
 * ```ts
 * import type { WebhookAlertSinkConfig } from '@driftwatch/adapters';
 * const config: WebhookAlertSinkConfig = {
 *   url: 'https://alerts.example.com/driftwatch',
 *   headers: { authorization: `Bearer ${process.env.ALERTS_TOKEN ?? ''}` },
 *   maxAttempts: 5,
 * };
 * ```
 */
export interface WebhookAlertSinkConfig extends HttpAlertSinkOptions {
  /** Where alerts are POSTed. An absolute http(s) URL. */
  url: string;
  /**
   * Key of the HMAC-SHA256 signature. The environment variable is read once, when the sink is
   * created. Without a secret from here or the environment, requests go out unsigned (no
   * `X-Driftwatch-Signature` or `X-Driftwatch-Timestamp` header).
   * @default process.env.DRIFTWATCH_WEBHOOK_SECRET
   */
  secret?: string;
  /**
   * Extra request headers, such as an `Authorization` token. The sink's own headers
   * (content type, signature, timestamp, idempotency key) take precedence.
   * @default {}
   */
  headers?: Readonly<Record<string, string>>;
  /**
   * The sink's name in delivery results.
   * @default 'webhook'
   */
  name?: string;
}

/**
 * The JSON body the webhook sink POSTs: the alert without its delivery history, `createdAt` as an
 * ISO 8601 string.
 *
 * @example
 * ```ts
 * import type { WebhookAlertPayload } from '@driftwatch/adapters';
 * function describePayload(rawBody: string): string {
 *   const payload = JSON.parse(rawBody) as WebhookAlertPayload;
 *   return `${payload.status} ${payload.severity}: ${payload.title} (${payload.modelName} ${payload.modelVersion})`;
 * }
 * ```
 */
export interface WebhookAlertPayload {
  id: string;
  dedupeKey: string;
  modelName: string;
  modelVersion: string;
  severity: AlertSeverity;
  status: 'firing' | 'resolved';
  title: string;
  message: string;
  evidence: AlertEvidence;
  createdAt: string;
}

interface ResolvedWebhookAlertSinkConfig {
  readonly url: string;
  readonly secret: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly name: string;
  readonly http: ResolvedHttpAlertSinkOptions;
}

/**
 * Creates an {@link AlertSink} that POSTs each alert as JSON ({@link WebhookAlertPayload}) to
 * your endpoint. Every request carries:
 *
 * - `Idempotency-Key`: the same for every attempt at one alert (a hash of its id and status), so
 *   the receiver can drop duplicates that retries produce; a firing alert and its resolution differ.
 * - With a secret, `X-Driftwatch-Timestamp` (Unix seconds) and
 *   `X-Driftwatch-Signature: sha256=<hex>`, the HMAC-SHA256 of `` `${timestamp}.${rawBody}` ``.
 *   Signing the timestamp lets the receiver reject replays: refuse timestamps older than a few
 *   minutes, and remember idempotency keys for at least that long.
 *
 * The secret comes from `secret` or the `DRIFTWATCH_WEBHOOK_SECRET` environment variable; it is
 * never logged or put in a result. Timeouts and retries follow {@link HttpAlertSinkOptions}.
 * `send` never rejects; after `shutdown()` it returns `{ ok: false, error: 'shut down' }`.
 *
 * Verifying a request on the receiving side (Node.js, no Driftwatch needed):
 * ```ts
 * import { createHmac, timingSafeEqual } from 'node:crypto';
 *
 * function isGenuineDriftwatchRequest(rawBody: string, timestamp: string | undefined, signature: string | undefined, secret: string): boolean {
 *   if (timestamp === undefined || signature === undefined || !/^\d+$/.test(timestamp)) return false;
 *   if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false; // too old: a replay
 *   const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`);
 *   const received = Buffer.from(signature);
 *   return received.length === expected.length && timingSafeEqual(received, expected);
 * }
 * ```
 * Verify the raw bytes you received, before any JSON parsing re-serialises them.
 *
 * @example
 * ```ts
 * import { createWebhookAlertSink } from '@driftwatch/adapters';
 * // DRIFTWATCH_WEBHOOK_SECRET is read from the environment.
 * const sink = createWebhookAlertSink({ url: 'https://alerts.example.com/driftwatch', timeoutMillis: 5_000, maxAttempts: 5 });
 * ```
 */
export function createWebhookAlertSink(config: WebhookAlertSinkConfig): AlertSink {
  const resolved = resolveWebhookAlertSinkConfig(config);
  const tracker = createDeliveryTracker(resolved.http);

  return {
    name: resolved.name,
    send(alert: AlertRecord): Promise<AlertDeliveryResult> {
      return tracker.run(async (shutdownSignal) => {
        let body: string;
        try {
          body = JSON.stringify(toWebhookAlertPayload(alert));
        } catch (cause) {
          // A BigInt or a cycle in the evidence: no attempt could ever succeed.
          const error = new AlertDeliveryError({
            message: `alert is not serialisable to JSON: ${describeError(cause)}`,
            sink: resolved.name,
            retryable: false,
            cause,
          });
          return failedResult(error, 0);
        }
        const idempotencyKey = webhookIdempotencyKey(alert);
        return postWithRetries({
          sinkName: resolved.name,
          url: resolved.url,
          body,
          headersForAttempt: () => webhookHeaders(resolved, body, idempotencyKey),
          options: resolved.http,
          shutdownSignal,
        });
      });
    },
    shutdown: () => tracker.shutdown(),
  };
}

/** The one place the webhook sink's defaults are applied. */
function resolveWebhookAlertSinkConfig(config: WebhookAlertSinkConfig): ResolvedWebhookAlertSinkConfig {
  const label = 'createWebhookAlertSink';
  assertHttpUrl(label, 'url', config.url);
  const headers = Object.freeze({ ...config.headers });
  assertHeaders(label, 'headers', headers);
  const resolved: ResolvedWebhookAlertSinkConfig = {
    url: config.url,
    secret: nonEmpty(config.secret) ?? nonEmpty(process.env[secretEnvironmentVariable]),
    headers,
    name: config.name ?? 'webhook',
    http: resolveHttpAlertSinkOptions(label, config),
  };
  assertNonEmptyString(label, 'name', resolved.name);
  return Object.freeze(resolved);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function toWebhookAlertPayload(alert: AlertRecord): WebhookAlertPayload {
  return {
    id: alert.id,
    dedupeKey: alert.dedupeKey,
    modelName: alert.modelName,
    modelVersion: alert.modelVersion,
    severity: alert.severity,
    status: alert.status,
    title: alert.title,
    message: alert.message,
    evidence: alert.evidence,
    createdAt: alert.createdAt.toISOString(),
  };
}

/** Hashed so that any alert id makes a valid header value; JSON keeps ("a:b","c") ≠ ("a","b:c"). */
function webhookIdempotencyKey(alert: AlertRecord): string {
  return createHash('sha256').update(JSON.stringify([alert.id, alert.status])).digest('hex');
}

function webhookHeaders(resolved: ResolvedWebhookAlertSinkConfig, body: string, idempotencyKey: string): Headers {
  const headers = new Headers(resolved.headers as Record<string, string>);
  headers.set('content-type', 'application/json');
  headers.set('user-agent', 'driftwatch-webhook-alert-sink');
  headers.set('idempotency-key', idempotencyKey);
  if (resolved.secret !== undefined) {
    const timestamp = String(Math.floor(resolved.http.clock.now() / 1000));
    const signature = createHmac('sha256', resolved.secret).update(`${timestamp}.${body}`).digest('hex');
    headers.set('x-driftwatch-timestamp', timestamp);
    headers.set('x-driftwatch-signature', `sha256=${signature}`);
  }
  return headers;
}
