import { AlertDeliveryError, type AlertDeliveryResult } from '@driftwatch/core';
import { backoffDelayMillis } from './backoff-delay-millis.js';
import { describeError } from './describe-error.js';
import { failedResult } from './failed-result.js';
import { parseRetryAfterMillis } from './parse-retry-after-millis.js';
import { raceWithAbort } from './race-with-abort.js';
import type { ResolvedHttpAlertSinkOptions } from './resolve-http-alert-sink-options.js';

/** One alert to POST. */
export interface PostWithRetriesRequest {
  /** The sink's name, for {@link AlertDeliveryError.sink}. */
  sinkName: string;
  url: string;
  body: string;
  /** Built again for every attempt, so that time-bound headers (a signature timestamp) stay fresh. */
  headersForAttempt: (attempt: number) => Headers;
  options: ResolvedHttpAlertSinkOptions;
  /** Aborts when the sink's shutdown stops waiting. */
  shutdownSignal: AbortSignal;
}

/** The outcome of one attempt. */
type AttemptOutcome =
  | { ok: true; statusCode: number }
  | { ok: false; error: AlertDeliveryError; retryAfterMillis?: number; shutDown?: boolean };

/** Longest part of a failed response's body kept in the error: enough for Slack's `invalid_blocks`. */
const maxResponseSnippetLength = 200;

/**
 * The retry and timeout machinery the HTTP sinks share. Resolves with a delivery result and
 * never rejects. See {@link HttpAlertSinkOptions} for what is retried and how long it waits.
 */
export async function postWithRetries(request: PostWithRetriesRequest): Promise<AlertDeliveryResult> {
  const { options, shutdownSignal } = request;
  let lastFailure: AlertDeliveryError | undefined;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    const outcome = await attemptOnce(request, attempt);
    if (outcome.ok) return { ok: true, attempts: attempt, statusCode: outcome.statusCode };
    lastFailure = outcome.error;
    if (outcome.shutDown === true || !outcome.error.retryable || attempt === options.maxAttempts) {
      return failedResult(outcome.error, attempt);
    }
    let delayMillis = backoffDelayMillis({
      retryNumber: attempt,
      initialBackoffMillis: options.initialBackoffMillis,
      maxBackoffMillis: options.maxBackoffMillis,
      random: options.random,
    });
    if (outcome.retryAfterMillis !== undefined) {
      if (outcome.retryAfterMillis > options.maxBackoffMillis) {
        // Retrying sooner than the receiver asked would only be refused again; report and let
        // the caller decide (the result stays retryable).
        const error = new AlertDeliveryError({
          message: `${outcome.error.message}; Retry-After of ${Math.ceil(outcome.retryAfterMillis / 1000)} s exceeds maxBackoffMillis`,
          sink: request.sinkName,
          statusCode: outcome.error.statusCode,
          retryable: true,
        });
        return failedResult(error, attempt);
      }
      delayMillis = Math.max(delayMillis, outcome.retryAfterMillis);
    }
    const waited = await raceWithAbort(sleepSafely(options, delayMillis, shutdownSignal), shutdownSignal);
    if (waited.aborted) return shutDownDuringDelivery(request.sinkName, attempt);
  }
  // Unreachable while maxAttempts ≥ 1 (checked at construction); keeps the types honest.
  return failedResult(
    lastFailure ?? new AlertDeliveryError({ message: 'no attempt made', sink: request.sinkName, retryable: false }),
    options.maxAttempts,
  );
}

async function attemptOnce(request: PostWithRetriesRequest, attempt: number): Promise<AttemptOutcome> {
  const { options, shutdownSignal, sinkName } = request;
  if (shutdownSignal.aborted) return { ok: false, error: shutDownError(sinkName), shutDown: true };

  const attemptController = new AbortController();
  let timedOut = false;
  const onShutdown = () => attemptController.abort();
  shutdownSignal.addEventListener('abort', onShutdown, { once: true });
  const timer = options.clock.setTimeout(() => {
    timedOut = true;
    attemptController.abort();
  }, options.timeoutMillis);

  try {
    const fetchFunction = options.fetch;
    const response = await fetchFunction(request.url, {
      method: 'POST',
      headers: request.headersForAttempt(attempt),
      body: request.body,
      signal: attemptController.signal,
      // A redirect would resend the signed body to a host nobody configured.
      redirect: 'manual',
    });
    const statusCode = response.status;
    if (statusCode >= 200 && statusCode < 300) {
      // The body is not needed; cancelling frees the connection without waiting for it.
      await response.body?.cancel().catch(() => {});
      return { ok: true, statusCode };
    }
    const retryable = statusCode === 429 || statusCode >= 500;
    const snippet = await readSnippet(response);
    const redirectNote = statusCode >= 300 && statusCode < 400 ? ' (redirects are not followed)' : '';
    const error = new AlertDeliveryError({
      message: `HTTP ${statusCode}${redirectNote}${snippet === '' ? '' : `: ${snippet}`}`,
      sink: sinkName,
      statusCode,
      retryable,
    });
    const retryAfterMillis = retryable
      ? parseRetryAfterMillis(response.headers.get('retry-after'), options.clock.now())
      : undefined;
    return retryAfterMillis === undefined ? { ok: false, error } : { ok: false, error, retryAfterMillis };
  } catch (cause) {
    if (shutdownSignal.aborted) return { ok: false, error: shutDownError(sinkName, cause), shutDown: true };
    const message = timedOut
      ? `timed out after ${options.timeoutMillis} ms`
      : `network error: ${describeError(cause)}`;
    return { ok: false, error: new AlertDeliveryError({ message, sink: sinkName, retryable: true, cause }) };
  } finally {
    timer.cancel();
    shutdownSignal.removeEventListener('abort', onShutdown);
  }
}

/** The start of a failed response's body, on one line; empty when it cannot be read in time. */
async function readSnippet(response: Response): Promise<string> {
  try {
    const text = await response.text();
    const oneLine = text.replace(/\s+/g, ' ').trim();
    return oneLine.length > maxResponseSnippetLength ? `${oneLine.slice(0, maxResponseSnippetLength)}…` : oneLine;
  } catch {
    return '';
  }
}

/** An injected sleep that throws must not turn into a rejected `send`; skip the wait instead. */
async function sleepSafely(options: ResolvedHttpAlertSinkOptions, delayMillis: number, signal: AbortSignal) {
  try {
    await options.sleep(delayMillis, signal);
  } catch {
    // Waiting less than planned is the lesser harm.
  }
}

function shutDownError(sinkName: string, cause?: unknown): AlertDeliveryError {
  return new AlertDeliveryError({
    message: 'shut down before delivery completed',
    sink: sinkName,
    retryable: true,
    cause,
  });
}

function shutDownDuringDelivery(sinkName: string, attempts: number): AlertDeliveryResult {
  return failedResult(shutDownError(sinkName), attempts);
}
