import { systemClock, type AlertDeliveryResult, type AlertRecord, type AlertSink, type Clock } from '@driftwatch/core';
import { assertFunction, assertNonEmptyString, assertNonNegativeNumber, assertPositiveInteger } from './internal/assert-config.js';
import { createDeliveryTracker } from './internal/delivery-tracker.js';
import { describeError } from './internal/describe-error.js';
import { evidenceFields, topBinLines } from './internal/format-evidence.js';
import { raceWithAbort } from './internal/race-with-abort.js';

/**
 * Config for {@link createConsoleAlertSink}.
 *
 * @example
 * ```ts
 * import type { ConsoleAlertSinkConfig } from '@driftwatch/adapters';
 * const config: ConsoleAlertSinkConfig = { write: (text) => process.stderr.write(text), maxTopBins: 5 };
 * ```
 */
export interface ConsoleAlertSinkConfig {
  /**
   * Receives each alert as a few lines of text ending with a newline. A returned promise is awaited.
   * @default writes to `process.stdout`
   */
  write?: (text: string) => unknown;
  /**
   * The sink's name in delivery results.
   * @default 'console'
   */
  name?: string;
  /**
   * Most bins listed under "top bins".
   * @default 3
   */
  maxTopBins?: number;
  /**
   * How long `shutdown()` waits for an asynchronous `write` in flight.
   * @default 5_000
   */
  shutdownTimeoutMillis?: number;
  /**
   * Runs the shutdown timeout.
   * @default systemClock
   */
  clock?: Clock;
}

interface ResolvedConsoleAlertSinkConfig {
  readonly write: (text: string) => unknown;
  readonly name: string;
  readonly maxTopBins: number;
  readonly shutdownTimeoutMillis: number;
  readonly clock: Clock;
}

/**
 * Creates an {@link AlertSink} that prints each alert as a short block of text: severity, status
 * and title first, then the message, the evidence, the bins that moved most, and the keys to find
 * the alert again. Handy in development and in containers whose stdout is collected.
 *
 * A `write` that throws or rejects gives `{ ok: false }`; it never reaches the Monitor.
 *
 * @example
 * ```ts
 * import { createConsoleAlertSink } from '@driftwatch/adapters';
 * const sink = createConsoleAlertSink({ write: (text) => process.stderr.write(text) });
 * // [Driftwatch] CRITICAL firing: PSI drift on tenure (churn v3)
 * //   PSI of tenure is 0.31, above 0.25.
 * //   test psi · statistic 0.31 · threshold 0.25 · n 5000
 * //   top bins: [0, 6): 30.0% → 12.0% (-18.0 pp); …
 * //   dedupe key churn:tenure:psi · alert 01J… · 2025-01-01T00:00:00.000Z
 * ```
 */
export function createConsoleAlertSink(config: ConsoleAlertSinkConfig = {}): AlertSink {
  const resolved = resolveConsoleAlertSinkConfig(config);
  const tracker = createDeliveryTracker(resolved);

  return {
    name: resolved.name,
    send(alert: AlertRecord): Promise<AlertDeliveryResult> {
      return tracker.run(async (shutdownSignal) => {
        const text = formatConsoleAlert(alert, resolved.maxTopBins);
        try {
          // Raced so that a stalled stream cannot hold shutdown past its timeout.
          const outcome = await raceWithAbort(Promise.resolve().then(() => resolved.write(text)), shutdownSignal);
          if (outcome.aborted) {
            return { ok: false, attempts: 1, error: 'shut down before delivery completed', retryable: true };
          }
          return { ok: true, attempts: 1 };
        } catch (error) {
          return { ok: false, attempts: 1, error: `write failed: ${describeError(error)}`, retryable: false };
        }
      });
    },
    shutdown: () => tracker.shutdown(),
  };
}

/** The one place the console sink's defaults are applied. */
function resolveConsoleAlertSinkConfig(config: ConsoleAlertSinkConfig): ResolvedConsoleAlertSinkConfig {
  const resolved: ResolvedConsoleAlertSinkConfig = {
    write: config.write ?? writeToStandardOutput,
    name: config.name ?? 'console',
    maxTopBins: config.maxTopBins ?? 3,
    shutdownTimeoutMillis: config.shutdownTimeoutMillis ?? 5_000,
    clock: config.clock ?? systemClock,
  };
  const label = 'createConsoleAlertSink';
  assertFunction(label, 'write', resolved.write);
  assertNonEmptyString(label, 'name', resolved.name);
  assertPositiveInteger(label, 'maxTopBins', resolved.maxTopBins);
  assertNonNegativeNumber(label, 'shutdownTimeoutMillis', resolved.shutdownTimeoutMillis);
  return Object.freeze(resolved);
}

function writeToStandardOutput(text: string): void {
  process.stdout.write(text);
}

function formatConsoleAlert(alert: AlertRecord, maxTopBins: number): string {
  const status = alert.status === 'resolved' ? 'RESOLVED' : `${alert.severity} firing`;
  const lines = [`[Driftwatch] ${status}: ${alert.title} (${alert.modelName} ${alert.modelVersion})`];
  for (const messageLine of alert.message.split(/\r?\n/)) lines.push(`  ${messageLine}`);
  lines.push(`  ${evidenceFields(alert.evidence).map((field) => `${field.label.toLowerCase()} ${field.value}`).join(' · ')}`);
  const bins = topBinLines(alert.evidence, maxTopBins);
  if (bins.length > 0) lines.push(`  top bins: ${bins.join('; ')}`);
  lines.push(`  dedupe key ${alert.dedupeKey} · alert ${alert.id} · ${alert.createdAt.toISOString()}`);
  return `${lines.join('\n')}\n`;
}
