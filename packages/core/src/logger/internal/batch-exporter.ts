import { DriftwatchError } from '@driftwatch/drift';
import type { Clock, TimerHandle } from '../../contracts/clock.js';

/** Where an exporter takes its records from, oldest first. */
export interface ExportSource<T> {
  /** Records waiting, the in-flight batch included. */
  readonly size: number;
  /** Records ever accepted: the sequence number of the newest one. */
  readonly accepted: number;
  /** Records that left the source, written or abandoned: every record up to this sequence number. */
  readonly settled: number;
  /** Copies up to `count` records from the head without removing them. */
  peek(count: number): T[];
  /** Removes `count` records from the head, as written or as abandoned. */
  settle(count: number, outcome: 'written' | 'failed'): void;
}

/** How an exporter retries. */
export interface RetryPolicy {
  maxBatchSize: number;
  writeTimeoutMillis: number;
  initialRetryDelayMillis: number;
  maxRetryDelayMillis: number;
  maxRetries: number;
  maxRetryMillis: number;
}

/** Store errors that no retry can fix: the batch is abandoned at once. */
const permanentCodes = new Set(['SHUTDOWN', 'VALIDATION_FAILED', 'INVALID_ARGUMENT']);

/**
 * Writes one source to the store, one batch at a time and in order, with a timeout per write and
 * exponential backoff with jitter between attempts. A batch stays at the head of its source
 * (still counted as buffered) until the store confirms it or the retry budget runs out.
 *
 * A full batch is written as soon as it is available; a partial one only after `requestDrain`
 * (the flush timer) or `flush` asked for everything accepted so far.
 */
export class BatchExporter<T> {
  private running = false;
  private scheduled = false;
  private stopped = false;
  private drainUntil = 0;
  private retryTimer: TimerHandle | undefined;
  private wakeRetry: (() => void) | undefined;
  private waiters: Array<{ target: number; resolve: () => void }> = [];
  /** The timeout timer of the write in flight, cancelled by stop(). */
  private writeTimer: TimerHandle | undefined;
  private readonly runBound = (): void => {
    this.scheduled = false;
    void this.run();
  };

  constructor(
    private readonly options: {
      /** The store method, for messages: `writePredictions`. */
      operation: string;
      source: ExportSource<T>;
      write(batch: T[]): Promise<void>;
      policy: RetryPolicy;
      clock: Clock;
      random: () => number;
      /** Called once per rejected or timed-out write attempt. */
      onStoreError(): void;
      report(error: DriftwatchError): void;
    },
  ) {}

  /** True while a write is in flight or a retry is waiting. */
  get busy(): boolean {
    return this.running;
  }

  /**
   * Starts a write on the next microtask when a full batch is waiting and nothing is in flight.
   * Cheap enough for the hot path: two field reads and a comparison when there is nothing to do.
   */
  kickIfFull(): void {
    if (this.running || this.scheduled || this.options.source.size < this.options.policy.maxBatchSize) return;
    this.scheduled = true;
    queueMicrotask(this.runBound);
  }

  /** Asks for everything accepted so far to be written, partial batches included; does not cut a retry wait short. */
  requestDrain(): void {
    this.drainUntil = Math.max(this.drainUntil, this.options.source.accepted);
    if (!this.running) void this.run();
  }

  /**
   * Writes everything accepted so far, retrying at once if a retry was waiting, and resolves
   * when all of it is written or abandoned. Never rejects; the caller bounds the wait.
   */
  flush(): Promise<void> {
    const target = this.options.source.accepted;
    if (this.options.source.settled >= target || this.stopped) return Promise.resolve();
    const settledPromise = new Promise<void>((resolve) => this.waiters.push({ target, resolve }));
    this.requestDrain();
    this.retryNow();
    return settledPromise;
  }

  /** Stops for good: no further writes start, a waiting retry is cancelled, a late result is ignored. */
  stop(): void {
    this.stopped = true;
    this.retryNow();
    // A write still in flight is not settled here: its timeout is cancelled, and if its store call
    // ever settles, run() sees `stopped` and ignores the result (the logger has counted its
    // records already). Keeping no per-write callback on this long-lived object matters for speed:
    // with one stored per write (a closure that settled the write), V8 promoted nearly every
    // buffered prediction to the old generation, about 0.5 KB per request (docs/benchmarks.md).
    this.writeTimer?.cancel();
    this.writeTimer = undefined;
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
  }

  private retryNow(): void {
    const wake = this.wakeRetry;
    if (wake === undefined) return;
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
    this.wakeRetry = undefined;
    wake();
  }

  private async run(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    const { source, policy } = this.options;
    try {
      while (!this.stopped) {
        const size = source.size;
        if (size === 0) break;
        if (size < policy.maxBatchSize && source.settled >= this.drainUntil) break;
        const batch = source.peek(policy.maxBatchSize);
        const outcome = await this.deliver(batch);
        if (this.stopped) return;
        source.settle(batch.length, outcome);
        this.resolveWaiters();
      }
    } finally {
      this.running = false;
    }
  }

  private resolveWaiters(): void {
    if (this.waiters.length === 0) return;
    const settled = this.options.source.settled;
    const remaining: typeof this.waiters = [];
    for (const waiter of this.waiters) {
      if (waiter.target <= settled) waiter.resolve();
      else remaining.push(waiter);
    }
    this.waiters = remaining;
  }

  /** Writes one batch until the store confirms it or the retry budget runs out. */
  private async deliver(batch: T[]): Promise<'written' | 'failed'> {
    const { policy, clock, operation } = this.options;
    const firstAttemptMillis = clock.now();
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        await this.writeWithTimeout(batch);
        return 'written';
      } catch (error) {
        failure = error;
      }
      if (this.stopped) return 'failed';
      this.options.onStoreError();
      const elapsedMillis = clock.now() - firstAttemptMillis;
      const permanent = DriftwatchError.isInstance(failure) && permanentCodes.has(failure.code);
      const exhausted = attempt > policy.maxRetries || elapsedMillis >= policy.maxRetryMillis;
      if (permanent || exhausted) {
        this.options.report(
          new DriftwatchError({
            code: 'STORE_FAILED',
            message: `${operation} failed ${attempt} time${attempt > 1 ? 's' : ''}; abandoned a batch of ${batch.length} record${batch.length > 1 ? 's' : ''}${permanent ? ' (the error is not retryable)' : ''}: ${messageOf(failure)}`,
            cause: failure,
            details: { operation, attempts: attempt, records: batch.length, abandoned: true },
          }),
        );
        return 'failed';
      }
      const delayMillis = this.retryDelayMillis(attempt);
      this.options.report(
        new DriftwatchError({
          code: 'STORE_FAILED',
          message: `${operation} failed (attempt ${attempt}); retrying ${batch.length} record${batch.length > 1 ? 's' : ''} in ${Math.round(delayMillis)} ms: ${messageOf(failure)}`,
          cause: failure,
          details: { operation, attempts: attempt, records: batch.length, abandoned: false, retryInMillis: delayMillis },
        }),
      );
      await this.sleep(delayMillis);
      if (this.stopped) return 'failed';
    }
  }

  /** Exponential backoff with "equal jitter": half the capped delay, plus a random share of the other half. */
  private retryDelayMillis(attempt: number): number {
    const { initialRetryDelayMillis, maxRetryDelayMillis } = this.options.policy;
    const capped = Math.min(maxRetryDelayMillis, initialRetryDelayMillis * 2 ** (attempt - 1));
    const random = Math.min(1, Math.max(0, this.options.random()));
    return capped / 2 + (capped / 2) * random;
  }

  private sleep(delayMillis: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wakeRetry = resolve;
      this.retryTimer = this.options.clock.setTimeout(() => {
        this.retryTimer = undefined;
        this.wakeRetry = undefined;
        resolve();
      }, delayMillis);
    });
  }

  private writeWithTimeout(batch: T[]): Promise<void> {
    const { clock, policy, operation } = this.options;
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const timer = clock.setTimeout(() => {
        if (done) return;
        done = true;
        reject(
          new DriftwatchError({
            code: 'STORE_FAILED',
            message: `${operation} did not settle within ${policy.writeTimeoutMillis} ms.`,
            details: { operation, timeoutMillis: policy.writeTimeoutMillis },
          }),
        );
      }, policy.writeTimeoutMillis);
      this.writeTimer = timer;
      const settle = (error?: unknown, failed = false): void => {
        if (done) return;
        done = true;
        timer.cancel();
        if (this.writeTimer === timer) this.writeTimer = undefined;
        if (failed) reject(error);
        else resolve();
      };
      try {
        this.options.write(batch).then(
          () => settle(),
          (error: unknown) => settle(error, true),
        );
      } catch (error) {
        // A store that throws synchronously is treated like one that rejects.
        settle(error, true);
      }
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
