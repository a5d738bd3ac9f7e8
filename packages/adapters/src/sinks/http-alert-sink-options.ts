import type { Clock } from '@driftwatch/core';

/**
 * Delivery options shared by the HTTP sinks ({@link createWebhookAlertSink},
 * {@link createSlackAlertSink}): a timeout per attempt, retries with exponential backoff and full
 * jitter, and a bounded shutdown.
 *
 * An attempt is retried after a network error, a timeout, HTTP 429 or any 5xx; never after
 * another 4xx or a redirect (redirects are not followed, so a signed body never reaches a host
 * you did not configure). A `Retry-After` header on a retried response is honoured as a minimum
 * wait; when it asks for longer than `maxBackoffMillis` the sink stops and reports a retryable
 * failure instead of holding the Monitor.
 *
 * @example
 * ```ts
 * import { createWebhookAlertSink, type HttpAlertSinkOptions } from '@driftwatch/adapters';
 * const patient: HttpAlertSinkOptions = { maxAttempts: 6, maxBackoffMillis: 60_000 };
 * const sink = createWebhookAlertSink({ url: 'https://alerts.example.com/driftwatch', ...patient });
 * ```
 */
export interface HttpAlertSinkOptions {
  /**
   * Limit for one attempt, from sending the request to receiving the response headers.
   * @default 10_000
   */
  timeoutMillis?: number;
  /**
   * Attempts per alert, the first included. `1` disables retries.
   * @default 4
   */
  maxAttempts?: number;
  /**
   * Upper bound of the first backoff; each later bound doubles, up to `maxBackoffMillis`. The
   * actual wait is drawn uniformly between 0 and the bound ("full jitter").
   * @default 500
   */
  initialBackoffMillis?: number;
  /**
   * Longest wait between two attempts, `Retry-After` included.
   * @default 30_000
   */
  maxBackoffMillis?: number;
  /**
   * How long `shutdown()` waits for deliveries in flight before aborting them.
   * @default 5_000
   */
  shutdownTimeoutMillis?: number;
  /**
   * The `fetch` used for requests; pass one to add a proxy agent or instrumentation.
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch;
  /**
   * Waits between attempts. Tests inject one that records delays and returns at once.
   * The signal aborts on shutdown; a sleep that ignores it is abandoned, not awaited.
   * @default a `setTimeout` that keeps the process alive while a delivery is pending
   */
  sleep?: (delayMillis: number, signal: AbortSignal) => Promise<void>;
  /**
   * Source of jitter, uniform in [0, 1).
   * @default Math.random
   */
  random?: () => number;
  /**
   * Reads the time (signature timestamps, `Retry-After` dates) and runs the per-attempt timeout.
   * @default systemClock
   */
  clock?: Clock;
}
