import { DriftwatchError, mergeProfiles } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import { createBaseline } from '../baseline/create-baseline.js';
import type { PredictionInput } from '../contracts/prediction-logger.js';
import { createFakeClock } from '../testing/fake-clock.js';
import { createControllableStore, storedPredictions } from './controllable-store.test-helper.js';
import { createPredictionLogger, type PredictionLoggerConfig } from './create-prediction-logger.js';

const start = Date.UTC(2026, 0, 1);

function setup(overrides: Partial<PredictionLoggerConfig> = {}) {
  const clock = createFakeClock({ startMillis: start });
  const store = createControllableStore();
  const errors: DriftwatchError[] = [];
  const logger = createPredictionLogger({
    store,
    clock,
    random: () => 0,
    replicaId: 'replica-a',
    retentionDays: false,
    onError: (error) => errors.push(error),
    ...overrides,
  });
  return { clock, store, errors, logger };
}

function input(index: number, overrides: Partial<PredictionInput> = {}): PredictionInput {
  return { modelName: 'm', modelVersion: '1', features: { x: index }, prediction: { score: (index % 10) / 10 }, ...overrides };
}

function expectBalanced(counters: { queued: number; written: number; failed: number; buffered: number }): void {
  expect(counters.written + counters.failed + counters.buffered).toBe(counters.queued);
}

describe('createPredictionLogger: log()', () => {
  it('never throws, even for garbage, and counts invalid records as dropped', () => {
    const { logger, errors } = setup();
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('hostile getter');
        },
      },
    );
    const garbage: unknown[] = [
      undefined,
      null,
      42,
      'text',
      {},
      { modelName: 'm', modelVersion: '1' },
      { modelName: 'm', modelVersion: '1', features: [] },
      input(0, { latencyMillis: -1 }),
      input(0, { latencyMillis: Number.NaN }),
      input(0, { timestamp: new Date(Number.NaN) }),
      input(0, { status: 'maybe' as 'ok' }),
      input(0, { prediction: { score: '0.5' as unknown as number } }),
      input(0, { id: '' }),
      hostile,
    ];
    for (const value of garbage) {
      const id = logger.log(value as PredictionInput);
      expect(typeof id).toBe('string');
    }
    expect(logger.counters).toMatchObject({ queued: 0, dropped: garbage.length, buffered: 0 });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => DriftwatchError.isInstance(error))).toBe(true);
  });

  it('returns the given id, or a fresh UUIDv7, and fills the timestamp from the clock', async () => {
    const { logger, store } = setup();
    expect(logger.log(input(1, { id: 'given' }))).toBe('given');
    const generated = logger.log(input(2));
    expect(generated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    await logger.forceFlush();
    const stored = await store.readPrediction(generated);
    expect(stored?.timestamp.getTime()).toBe(start);
  });

  it('guards onError: a throwing hook changes nothing', () => {
    const { logger } = setup({
      onError: () => {
        throw new Error('hook broke');
      },
    });
    expect(() => logger.log(null as unknown as PredictionInput)).not.toThrow();
    expect(logger.counters.dropped).toBe(1);
  });
});

describe('createPredictionLogger: logLater()', () => {
  it('builds records in a batch, before anything reads or writes them, in the order they were logged', async () => {
    const { logger, store, clock } = setup();
    const built: number[] = [];
    const build = (index: number): PredictionInput | undefined => {
      built.push(index);
      return index === 2 ? undefined : input(index, { id: `later-${index}`, timestamp: new Date(start - index) });
    };
    logger.log(input(0, { id: 'now-0' }));
    for (let index = 1; index <= 3; index++) logger.logLater(index, build);
    expect(built).toEqual([]);
    // Reading the counters takes the queue: they count every call so far.
    expect(logger.counters).toMatchObject({ queued: 3, dropped: 0, buffered: 3 });
    expect(built).toEqual([1, 2, 3]);
    logger.logLater(4, (index) => input(index, { id: `later-${index}` }));
    // Built at the next tick, a second later, but stamped with the time of the call.
    await clock.advanceAsync(1000);
    const stored = new Map((await storedPredictions(store)).map((record) => [record.id, record]));
    expect([...stored.keys()].sort()).toEqual(['later-1', 'later-3', 'later-4', 'now-0']);
    expect(stored.get('later-1')!.timestamp.getTime()).toBe(start - 1);
    expect(stored.get('later-4')!.timestamp.getTime()).toBe(start);
  });

  it('takes the queue once a store batch is full, and on forceFlush', async () => {
    const { logger, store, clock } = setup({ maxBatchSize: 4 });
    const build = (index: number) => input(index, { id: `later-${index}` });
    for (let index = 0; index < 5; index++) logger.logLater(index, build);
    await clock.advanceAsync(0);
    expect(store.predictionBatches).toEqual([4]);
    await logger.forceFlush();
    expect(store.predictionBatches).toEqual([4, 1]);
  });

  it('counts a build that throws or returns an invalid record as dropped, and logs the rest', async () => {
    const { logger, store, errors } = setup();
    logger.logLater(0, () => {
      throw new Error('build broke');
    });
    logger.logLater(1, (index) => input(index, { latencyMillis: -1 }));
    logger.logLater(2, (index) => input(index, { id: 'fine' }));
    await logger.forceFlush();
    expect(logger.counters).toMatchObject({ queued: 1, dropped: 2, written: 1 });
    expect((await storedPredictions(store)).map((record) => record.id)).toEqual(['fine']);
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringContaining('build broke'),
      expect.stringContaining('latencyMillis must be a finite number'),
    ]);
  });

  it('counts a record logged from inside a batch (a build or onError that logs again)', async () => {
    let reentered = false;
    const { logger, store } = setup({
      onError: () => {
        if (reentered) return;
        reentered = true;
        logger.log(input(9, { id: 'from-onError' }));
      },
    });
    logger.logLater(0, (index) => {
      logger.log(input(index, { id: 'from-build' }));
      return input(index, { id: 'built' });
    });
    logger.log(input(1, { latencyMillis: -1 })); // invalid: reported to onError
    await logger.forceFlush();
    expect(logger.counters).toMatchObject({ queued: 3, dropped: 1, written: 3 });
    expect((await storedPredictions(store)).map((record) => record.id).sort()).toEqual(['built', 'from-build', 'from-onError']);
  });

  it('builds at once after shutdown, and drops and counts the record', async () => {
    const { logger } = setup();
    await logger.shutdown();
    let built = 0;
    logger.logLater(0, (index) => {
      built++;
      return input(index);
    });
    expect(built).toBe(1);
    expect(logger.counters).toMatchObject({ queued: 0, dropped: 1 });
  });

  it('log() copies the record: a caller reusing its input object does not change what was logged', async () => {
    const { logger, store } = setup();
    const reused: PredictionInput = input(1, { id: 'first' });
    logger.log(reused);
    reused.id = 'second';
    reused.modelVersion = '2';
    logger.log(reused);
    await logger.forceFlush();
    expect((await storedPredictions(store)).map((record) => [record.id, record.modelVersion]).sort()).toEqual([
      ['first', '1'],
      ['second', '2'],
    ]);
  });
});

describe('createPredictionLogger: batching and the bounded buffer', () => {
  it('writes full batches at once and the rest on the flush interval', async () => {
    const { logger, store, clock } = setup({ maxBatchSize: 100, flushIntervalMillis: 1000 });
    for (let index = 0; index < 250; index++) logger.log(input(index));
    await clock.advanceAsync(0);
    expect(store.predictionBatches).toEqual([100, 100]);
    expect(logger.counters).toMatchObject({ queued: 250, written: 200, buffered: 50 });
    await clock.advanceAsync(1000);
    expect(store.predictionBatches).toEqual([100, 100, 50]);
    expect(logger.counters).toMatchObject({ written: 250, buffered: 0 });
    expect(await storedPredictions(store)).toHaveLength(250);
  });

  it('drops and counts when the buffer is full, the in-flight batch included, and reports once per interval', async () => {
    const { logger, store, clock, errors } = setup({ maxQueueSize: 10, maxBatchSize: 4 });
    store.mode = 'hang';
    for (let index = 0; index < 15; index++) logger.log(input(index));
    await clock.advanceAsync(0);
    expect(store.predictionBatches).toEqual([4]);
    expect(logger.counters).toMatchObject({ queued: 10, dropped: 5, buffered: 10, written: 0 });
    expect(errors.filter((error) => error.details.reason === 'buffer-full')).toHaveLength(1);
    expectBalanced(logger.counters);
  });
});

describe('createPredictionLogger: store failures', () => {
  it('retries with exponential backoff and jitter, keeping the batch buffered', async () => {
    let randomValue = 0;
    const { logger, store, clock, errors } = setup({ initialRetryDelayMillis: 1000, random: () => randomValue });
    store.mode = 'fail';
    logger.log(input(1));
    await clock.advanceAsync(1000); // flush tick → attempt 1 fails; retry in 500 ms (half of 1000, random 0)
    expect(store.predictionBatches).toHaveLength(1);
    await clock.advanceAsync(499);
    expect(store.predictionBatches).toHaveLength(1);
    await clock.advanceAsync(1); // attempt 2 fails; retry in 1000 ms (half of 2000)
    expect(store.predictionBatches).toHaveLength(2);
    randomValue = 1;
    await clock.advanceAsync(1000); // attempt 3 fails; retry in 4000 ms (all of 4000)
    expect(store.predictionBatches).toHaveLength(3);
    expect(logger.counters).toMatchObject({ storeErrors: 3, buffered: 1, written: 0, failed: 0 });
    store.mode = 'ok';
    await clock.advanceAsync(3999);
    expect(store.predictionBatches).toHaveLength(3);
    await clock.advanceAsync(1);
    expect(logger.counters).toMatchObject({ written: 1, buffered: 0 });
    expect(errors.filter((error) => error.details.abandoned === false)).toHaveLength(3);
  });

  it('loses nothing accepted within the bound across a store outage', async () => {
    const { logger, store, clock } = setup({ maxQueueSize: 5000, maxBatchSize: 100 });
    store.mode = 'fail';
    const ids: string[] = [];
    for (let second = 0; second < 60; second++) {
      for (let index = 0; index < 50; index++) ids.push(logger.log(input(index)));
      await clock.advanceAsync(1000);
    }
    expect(logger.counters).toMatchObject({ queued: 3000, dropped: 0, written: 0, failed: 0, buffered: 3000 });
    store.mode = 'ok';
    await clock.advanceAsync(60_000);
    expect(logger.counters).toMatchObject({ written: 3000, failed: 0, buffered: 0 });
    const stored = new Set((await storedPredictions(store)).map((record) => record.id));
    expect(ids.every((id) => stored.has(id))).toBe(true);
  });

  it('abandons a batch after maxRetries and counts it as failed, then carries on', async () => {
    const { logger, store, clock, errors } = setup({ maxRetries: 2, maxBatchSize: 10 });
    store.mode = 'fail';
    for (let index = 0; index < 3; index++) logger.log(input(index));
    await clock.advanceAsync(10_000);
    expect(store.predictionBatches).toEqual([3, 3, 3]);
    expect(logger.counters).toMatchObject({ failed: 3, buffered: 0, storeErrors: 3 });
    expect(errors.some((error) => error.details.abandoned === true)).toBe(true);
    store.mode = 'ok';
    logger.log(input(9));
    await clock.advanceAsync(1000);
    expect(logger.counters).toMatchObject({ written: 1, failed: 3 });
  });

  it('abandons a batch once maxRetryMillis have passed', async () => {
    const { logger, store, clock } = setup({ maxRetries: 100, maxRetryMillis: 5000, initialRetryDelayMillis: 1000, random: () => 1 });
    store.mode = 'fail';
    logger.log(input(1));
    await clock.advanceAsync(20_000);
    // attempts at 1 s, 2 s, 4 s, 8 s: the fourth comes 7 s after the first, past the budget.
    expect(store.predictionBatches).toHaveLength(4);
    expect(logger.counters.failed).toBe(1);
  });

  it('times out a hanging write and retries it', async () => {
    const { logger, store, clock } = setup({ writeTimeoutMillis: 2000 });
    store.mode = 'hang';
    logger.log(input(1));
    await clock.advanceAsync(1000);
    expect(store.predictionBatches).toHaveLength(1);
    store.mode = 'ok';
    await clock.advanceAsync(2000); // timed out at 3 s; retry 500 ms later
    expect(logger.counters.storeErrors).toBe(1);
    await clock.advanceAsync(500);
    expect(logger.counters).toMatchObject({ written: 1, buffered: 0 });
    store.releaseHanging(); // the late answer to the first attempt changes nothing
    await clock.advanceAsync(0);
    expect(logger.counters).toMatchObject({ written: 1, failed: 0, storeErrors: 1 });
  });

  it('abandons at once when the store is shut down', async () => {
    const { logger, store, clock } = setup();
    store.mode = 'shutdown';
    logger.log(input(1));
    await clock.advanceAsync(1000);
    expect(logger.counters).toMatchObject({ failed: 1, storeErrors: 1, buffered: 0 });
  });
});

describe('createPredictionLogger: forceFlush and shutdown', () => {
  it('forceFlush writes a partial batch now and cuts a retry wait short', async () => {
    const { logger, store, clock } = setup({ initialRetryDelayMillis: 60_000 });
    logger.log(input(1));
    await logger.forceFlush();
    expect(logger.counters.written).toBe(1);
    store.mode = 'fail';
    logger.log(input(2));
    await clock.advanceAsync(1000); // fails; next retry in 30 s
    store.mode = 'ok';
    await Promise.all([logger.forceFlush(), logger.forceFlush()]);
    expect(logger.counters).toMatchObject({ written: 2, buffered: 0 });
  });

  it('forceFlush gives up waiting after flushTimeoutMillis but keeps the records', async () => {
    const { logger, store, clock } = setup({ flushTimeoutMillis: 3000 });
    store.mode = 'hang';
    logger.log(input(1));
    let done = false;
    const flushed = logger.forceFlush().then(() => (done = true));
    await clock.advanceAsync(2999);
    expect(done).toBe(false);
    await clock.advanceAsync(1);
    await flushed;
    expect(logger.counters).toMatchObject({ buffered: 1, failed: 0 });
  });

  it('shutdown flushes, stops the timers, is idempotent, and later logs drop and count', async () => {
    const { logger, store, clock, errors } = setup({ retentionDays: 30 });
    logger.log(input(1));
    await Promise.all([logger.shutdown(), logger.shutdown()]);
    await logger.shutdown();
    expect(logger.counters).toMatchObject({ queued: 1, written: 1, buffered: 0 });
    expect(clock.pendingTimerCount).toBe(0);
    expect(typeof logger.log(input(2))).toBe('string');
    logger.log(input(3));
    expect(logger.counters).toMatchObject({ queued: 1, dropped: 2 });
    expect(errors.filter((error) => error.code === 'SHUTDOWN')).toHaveLength(1);
    await logger.forceFlush();
    expect(store.predictionBatches).toEqual([1]);
  });

  it('shutdown waits for the in-flight write', async () => {
    const { logger, store } = setup();
    let release!: () => void;
    const original = store.writePredictions;
    store.writePredictions = async (records) => {
      await new Promise<void>((resolve) => (release = resolve));
      await original(records);
    };
    logger.log(input(1));
    let done = false;
    const shutdown = logger.shutdown().then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    release();
    await shutdown;
    expect(logger.counters.written).toBe(1);
  });

  it('shutdown against a hanging store resolves after flushTimeoutMillis and counts the rest as failed', async () => {
    const { logger, store, clock, errors } = setup({ flushTimeoutMillis: 5000 });
    store.mode = 'hang';
    for (let index = 0; index < 3; index++) logger.log(input(index));
    const shutdown = logger.shutdown();
    await clock.advanceAsync(5000);
    await shutdown;
    expect(logger.counters).toMatchObject({ queued: 3, failed: 3, buffered: 0, written: 0 });
    expect(errors.some((error) => error.details.reason === 'shutdown-timeout')).toBe(true);
    expect(clock.pendingTimerCount).toBe(0);
  });
});

describe('createPredictionLogger: window profiles', () => {
  const baseline = createBaseline({
    modelName: 'm',
    version: '1',
    data: { x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], plan: ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'] },
    predictions: { score: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1], label: ['y', 'n', 'y', 'n', 'y', 'n', 'y', 'n', 'y', 'n'] },
    features: { x: { kind: 'numeric' }, plan: { kind: 'categorical' } },
  });

  it('profiles each window against the baseline spec and writes it when the window ends', async () => {
    const { logger, store, clock } = setup({ baseline, windowSeconds: 60 });
    for (let index = 0; index < 30; index++) {
      logger.log(input(index, { features: { x: index, plan: 'a' }, prediction: { score: 0.5, label: 'y' }, latencyMillis: 10 + index }));
    }
    logger.log(input(99, { status: 'error', prediction: {}, segment: 'eu' }));
    await clock.advanceAsync(59_000);
    expect(store.profileBatches).toHaveLength(0);
    await clock.advanceAsync(1000);
    const profiles = await store.readWindowProfiles({ modelName: 'm', from: new Date(start), to: new Date(start + 60_000) });
    expect(profiles).toHaveLength(2);
    const main = profiles.find((record) => record.segment === '')!;
    expect(main).toMatchObject({ modelVersion: '1', windowSeconds: 60, replicaId: 'replica-a', requestCount: 30, errorCount: 0 });
    expect(main.windowStart.getTime()).toBe(start);
    expect(main.profile.spec.fingerprint).toBe(baseline.profile.spec.fingerprint);
    expect(main.profile.spec.columns.map((column) => column.name)).toEqual(['x', 'plan', 'prediction.score', 'prediction.label']);
    expect(main.profile.rowCount).toBe(30);
    expect(main.latency.columns[0]).toMatchObject({ kind: 'numeric', count: 30, min: 10, max: 39 });
    const errorsOnly = profiles.find((record) => record.segment === 'eu')!;
    expect(errorsOnly).toMatchObject({ requestCount: 1, errorCount: 1 });
  });

  it('counts a window once when its write committed but answered after the timeout and was retried', async () => {
    const { logger, store, clock } = setup({ baseline, windowSeconds: 60, writeTimeoutMillis: 2000 });
    const inner = store.inner;
    let calls = 0;
    store.writeWindowProfiles = async (records) => {
      calls++;
      await inner.writeWindowProfiles(records);
      // The first write commits, then its answer never comes: the logger times out and retries.
      if (calls === 1) await new Promise(() => undefined);
    };
    for (let index = 0; index < 5; index++) logger.log(input(index, { features: { x: index, plan: 'a' } }));
    await clock.advanceAsync(60_000);
    expect(calls).toBe(1);
    await clock.advanceAsync(10_000);
    expect(calls).toBe(2);
    const profiles = await store.readWindowProfiles({ modelName: 'm', from: new Date(start), to: new Date(start + 60_000) });
    expect(profiles).toHaveLength(1);
    expect(profiles[0]!.requestCount).toBe(5);
    expect(profiles[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    await logger.shutdown();
  });

  it('gives every flushed window record its own id, also for two flushes of one window', async () => {
    const { logger, store } = setup({ baseline, windowSeconds: 60 });
    logger.log(input(1, { features: { x: 1 } }));
    await logger.forceFlush();
    logger.log(input(2, { features: { x: 2 } }));
    await logger.forceFlush();
    const records = await store.readWindowProfiles({ modelName: 'm', from: new Date(start), to: new Date(start + 60_000) });
    expect(records).toHaveLength(2);
    expect(new Set(records.map((record) => record.id)).size).toBe(2);
  });

  it('rolls windows over by timestamp and flushes open windows on forceFlush; partial records merge', async () => {
    const { logger, store, clock } = setup({ baseline, windowSeconds: 60 });
    logger.log(input(1, { features: { x: 1 } }));
    await logger.forceFlush();
    logger.log(input(2, { features: { x: 2 } }));
    await clock.advanceAsync(61_000);
    logger.log(input(3, { features: { x: 3 } })); // second window
    logger.log(input(4, { features: { x: 4 }, timestamp: new Date(start + 5000) })); // late, first window
    await logger.forceFlush();
    const first = await store.readWindowProfiles({ modelName: 'm', from: new Date(start), to: new Date(start + 60_000) });
    expect(first).toHaveLength(3);
    const merged = mergeProfiles(...first.map((record) => record.profile));
    expect(merged.rowCount).toBe(3);
    expect(first.reduce((sum, record) => sum + record.requestCount, 0)).toBe(3);
    const second = await store.readWindowProfiles({ modelName: 'm', from: new Date(start + 60_000), to: new Date(start + 120_000) });
    expect(second.map((record) => record.requestCount)).toEqual([1]);
  });

  it('models without a baseline get counts and latency only; maxOpenWindows bounds the series', async () => {
    const { logger, store, errors } = setup({ baseline, maxOpenWindows: 2 });
    logger.log(input(1, { modelName: 'other' }));
    logger.log(input(2, { segment: 's1' }));
    logger.log(input(3, { segment: 's2' }));
    await logger.forceFlush();
    const other = await store.readWindowProfiles({ modelName: 'other', from: new Date(start), to: new Date(start + 60_000) });
    expect(other[0]!.profile.spec.columns).toEqual([]);
    expect(other[0]!.requestCount).toBe(1);
    expect(errors.some((error) => error.details.reason === 'too-many-windows')).toBe(true);
    expect(logger.counters.written).toBe(3); // raw rows are kept even when not profiled
  });

  it('uses a hostname-pid-random replica id by default', async () => {
    const { logger, store } = setup({ replicaId: undefined });
    logger.log(input(1));
    await logger.forceFlush();
    const [profile] = await store.readWindowProfiles({ modelName: 'm', from: new Date(start), to: new Date(start + 60_000) });
    expect(profile!.replicaId).toMatch(new RegExp(`-${process.pid}-[0-9a-f]{6}$`));
  });
});

describe('createPredictionLogger: sampling and retention', () => {
  it('samples raw rows deterministically by id while profiles see every prediction', async () => {
    const ids = Array.from({ length: 2000 }, (_, index) => `id-${index}`);
    const runs = await Promise.all(
      [0, 1].map(async () => {
        const { logger, store } = setup({ rawSampleRate: 0.25 });
        for (const id of ids) logger.log(input(1, { id }));
        await logger.forceFlush();
        const [profile] = await store.readWindowProfiles({ modelName: 'm', from: new Date(start), to: new Date(start + 60_000) });
        expect(profile!.requestCount).toBe(2000);
        expect(logger.counters.queued).toBe(logger.counters.written);
        return (await storedPredictions(store)).map((record) => record.id).sort();
      }),
    );
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]!.length).toBeGreaterThan(400);
    expect(runs[0]!.length).toBeLessThan(600);
  });

  it('runs deleteBefore periodically with the retention cutoff, and never when turned off', async () => {
    const { store, clock, logger } = setup({ retentionDays: 7, retentionIntervalMillis: 3_600_000, random: () => 0.5 });
    await clock.advanceAsync(1_800_000);
    expect(store.deleteCutoffs.map((cutoff) => cutoff.getTime())).toEqual([start + 1_800_000 - 7 * 86_400_000]);
    await clock.advanceAsync(3_600_000);
    expect(store.deleteCutoffs).toHaveLength(2);
    await logger.shutdown();
    const off = setup({ retentionDays: false });
    await off.clock.advanceAsync(10 * 3_600_000);
    expect(off.store.deleteCutoffs).toHaveLength(0);
  });

  it('reports a failing retention run without affecting logging', async () => {
    const { store, clock, errors, logger } = setup({ retentionDays: 7, random: () => 0 });
    store.mode = 'fail';
    await clock.advanceAsync(0);
    expect(errors.some((error) => error.details.operation === 'deleteBefore')).toBe(true);
    store.mode = 'ok';
    logger.log(input(1));
    await logger.forceFlush();
    expect(logger.counters.written).toBe(1);
  });

  it('rejects a bad config at construction', () => {
    const store = createControllableStore();
    expect(() => createPredictionLogger({ store, maxQueueSize: 0 })).toThrow(/maxQueueSize/);
    expect(() => createPredictionLogger({ store, rawSampleRate: 2 })).toThrow(DriftwatchError);
    expect(() => createPredictionLogger({ store: {} as never })).toThrow(/writePredictions/);
  });
});
