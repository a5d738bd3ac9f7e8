import type { PredictionInput } from '../../contracts/prediction-logger.js';
import type { Prediction, PredictionRecord } from '../../records/prediction-record.js';

const statusCodes = { ok: 1, error: 2 } as const;
/** The prediction of a record logged without one; shared and frozen, as before the ring kept columns. */
const emptyPrediction: Prediction = Object.freeze({});
const statusNames = [undefined, 'ok', 'error'] as const;

/**
 * The logger's buffer: a fixed-capacity FIFO of predictions kept column by column, one slot array
 * per field, rather than as one record object per prediction. `push` allocates nothing and keeps
 * no object of its own; the `PredictionRecord`s the store receives are built in `peek`, at flush
 * time, and die young with their batch.
 *
 * Why columns: with one record object per buffered prediction, V8's young generation kept
 * promoting the records and what they point to (features, prediction, id) to the old generation,
 * about 0.5 KB per request, although each waits only milliseconds for its batch; under load that
 * promotion and the major collections it caused cost more than everything else the middleware
 * does. Kept in columns, the same values die in the young generation (see docs/benchmarks.md).
 *
 * Predictions stay in the ring until the store confirms them or the logger gives up on them, so
 * the batch in flight counts against the capacity too.
 */
export class PredictionRing {
  private readonly ids: Array<string | undefined>;
  private readonly timestamps: Float64Array;
  private readonly modelNames: Array<string | undefined>;
  private readonly modelVersions: Array<string | undefined>;
  private readonly features: Array<Record<string, unknown> | undefined>;
  private readonly predictions: Array<Prediction | undefined>;
  /** NaN where the input had no latency. */
  private readonly latencies: Float64Array;
  private readonly segments: Array<string | undefined>;
  private readonly requestIds: Array<string | undefined>;
  private readonly errorMessages: Array<string | undefined>;
  /** 0: none, 1: ok, 2: error. */
  private readonly statuses: Uint8Array;
  /** 0: none, 1: false, 2: true. */
  private readonly cacheHits: Uint8Array;
  private head = 0;
  private length = 0;

  constructor(readonly capacity: number) {
    const slots = <T>(): Array<T | undefined> => new Array<T | undefined>(capacity).fill(undefined);
    this.ids = slots();
    this.timestamps = new Float64Array(capacity);
    this.modelNames = slots();
    this.modelVersions = slots();
    this.features = slots();
    this.predictions = slots();
    this.latencies = new Float64Array(capacity);
    this.segments = slots();
    this.requestIds = slots();
    this.errorMessages = slots();
    this.statuses = new Uint8Array(capacity);
    this.cacheHits = new Uint8Array(capacity);
  }

  get size(): number {
    return this.length;
  }

  /**
   * Appends a checked input under `id` at `timestampMillis`; false when the ring is full. The
   * input's field values are read now: a caller changing the input object afterwards changes
   * nothing here (its `features` object is kept by reference, as the logger documents).
   */
  push(input: PredictionInput, id: string, timestampMillis: number): boolean {
    if (this.length === this.capacity) return false;
    let tail = this.head + this.length;
    if (tail >= this.capacity) tail -= this.capacity;
    this.ids[tail] = id;
    this.timestamps[tail] = timestampMillis;
    this.modelNames[tail] = input.modelName;
    this.modelVersions[tail] = input.modelVersion;
    this.features[tail] = input.features;
    this.predictions[tail] = input.prediction ?? undefined;
    const latency = input.latencyMillis;
    this.latencies[tail] = latency === undefined ? Number.NaN : latency;
    this.segments[tail] = input.segment;
    this.requestIds[tail] = input.requestId;
    this.errorMessages[tail] = input.errorMessage;
    const status = input.status;
    this.statuses[tail] = status === undefined ? 0 : statusCodes[status];
    const cacheHit = input.cacheHit;
    this.cacheHits[tail] = cacheHit === undefined ? 0 : cacheHit ? 2 : 1;
    this.length++;
    return true;
  }

  /** Builds records for up to `count` predictions from the head, without removing them. */
  peek(count: number): PredictionRecord[] {
    const taken = Math.min(count, this.length);
    const batch = new Array<PredictionRecord>(taken);
    let index = this.head;
    for (let offset = 0; offset < taken; offset++) {
      const latency = this.latencies[index]!;
      const cacheHit = this.cacheHits[index]!;
      batch[offset] = {
        id: this.ids[index]!,
        timestamp: new Date(this.timestamps[index]!),
        modelName: this.modelNames[index]!,
        modelVersion: this.modelVersions[index]!,
        features: this.features[index]!,
        prediction: this.predictions[index] ?? emptyPrediction,
        latencyMillis: Number.isNaN(latency) ? undefined : latency,
        segment: this.segments[index],
        requestId: this.requestIds[index],
        status: statusNames[this.statuses[index]!],
        errorMessage: this.errorMessages[index],
        cacheHit: cacheHit === 0 ? undefined : cacheHit === 2,
      };
      if (++index === this.capacity) index = 0;
    }
    return batch;
  }

  /** Removes `count` predictions from the head, dropping every reference the ring held to them. */
  remove(count: number): void {
    const removed = Math.min(count, this.length);
    for (let offset = 0; offset < removed; offset++) {
      const index = this.head;
      this.ids[index] = undefined;
      this.modelNames[index] = undefined;
      this.modelVersions[index] = undefined;
      this.features[index] = undefined;
      this.predictions[index] = undefined;
      this.segments[index] = undefined;
      this.requestIds[index] = undefined;
      this.errorMessages[index] = undefined;
      if (++this.head === this.capacity) this.head = 0;
    }
    this.length -= removed;
  }
}
