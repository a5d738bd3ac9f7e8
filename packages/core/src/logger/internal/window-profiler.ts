import { ProfileBuilder, createProfileSpec, type DatasetProfile, type ProfileSpec } from '@driftwatch/drift';
import { predictionColumns } from '../../baseline/prediction-columns.js';
import type { BaselineRecord } from '../../records/baseline-record.js';
import { createPredictionId } from '../../records/create-prediction-id.js';
import type { Prediction, PredictionRecord } from '../../records/prediction-record.js';
import type { WindowProfileRecord } from '../../records/window-profile-record.js';

/** The latency profile's single column. */
export const latencyColumn = 'latencyMillis';

/**
 * Fixed reference latencies for the latency spec. Every replica must build the same spec (the
 * same fingerprint) for their latency profiles to merge, so the cut points come from constants,
 * not from traffic; the quantile sketch, not the histogram, is what latency checks read.
 */
const referenceLatenciesMillis = [0.5, 1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 5000];

let latencySpec: ProfileSpec | undefined;
let emptySpec: ProfileSpec | undefined;

/** The spec of every latency profile: one numeric column, `latencyMillis`. */
export function getLatencySpec(): ProfileSpec {
  latencySpec ??= createProfileSpec({ [latencyColumn]: referenceLatenciesMillis }, { numeric: [latencyColumn] });
  return latencySpec;
}

/** A spec without columns, for models that have no baseline: their window profiles carry counts only. */
export function getEmptySpec(): ProfileSpec {
  emptySpec ??= createProfileSpec([{}]);
  return emptySpec;
}

/** Copies a prediction's values into `values`, in spec column order. */
type Gather = (features: Record<string, unknown>, prediction: Prediction | undefined, values: unknown[]) => void;

/** How to read each spec column from a prediction, computed once per spec. */
interface ColumnPlan {
  spec: ProfileSpec;
  columnCount: number;
  gather: Gather;
}

function planFor(spec: ProfileSpec): ColumnPlan {
  const names = spec.columns.map((column) => column.name);
  return { spec, columnCount: names.length, gather: compileGather(names) ?? interpretGather(names) };
}

/**
 * A gatherer with one named property read per column (`features["tenure"]`). Each read site gets
 * its own inline cache, so with the usual one or few feature-object shapes a read costs a few
 * nanoseconds, against tens for a keyed read whose key changes every iteration (about 5× faster
 * over ten features). Names are embedded with `JSON.stringify`, which yields a safe string
 * literal. Returns undefined where code generation from strings is disabled.
 */
export function compileGather(names: readonly string[]): Gather | undefined {
  const lines = names.map((name, index) => {
    const source =
      name === predictionColumns.score
        ? 'prediction === undefined || prediction === null ? undefined : prediction.score'
        : name === predictionColumns.label
          ? 'prediction === undefined || prediction === null ? undefined : prediction.label'
          : `features[${JSON.stringify(name)}]`;
    return `values[${index}] = ${source};`;
  });
  try {
    return new Function('features', 'prediction', 'values', `'use strict';\n${lines.join('\n')}`) as Gather;
  } catch {
    return undefined;
  }
}

export function interpretGather(names: readonly string[]): Gather {
  return (features, prediction, values) => {
    for (let index = 0; index < names.length; index++) {
      const name = names[index]!;
      values[index] =
        name === predictionColumns.score ? prediction?.score : name === predictionColumns.label ? prediction?.label : features[name];
    }
  };
}

/** One open window of one (model, version, segment). Its builders are reused window after window. */
class Series {
  requestCount = 0;
  errorCount = 0;
  private readonly builder: ProfileBuilder;
  private readonly latencyBuilder: ProfileBuilder;
  private readonly values: unknown[];
  private readonly latencyValues: unknown[] = [undefined];

  constructor(
    readonly modelName: string,
    readonly modelVersion: string,
    readonly segment: string,
    public windowStart: number,
    private readonly plan: ColumnPlan,
  ) {
    this.builder = new ProfileBuilder({ spec: plan.spec });
    this.latencyBuilder = new ProfileBuilder({ spec: getLatencySpec() });
    this.values = new Array<unknown>(plan.columnCount).fill(undefined);
  }

  add(record: PredictionRecord): void {
    const values = this.values;
    this.plan.gather(record.features, record.prediction, values);
    this.builder.addValues(values);
    this.latencyValues[0] = record.latencyMillis;
    this.latencyBuilder.addValues(this.latencyValues);
    this.requestCount++;
    if (record.status === 'error') this.errorCount++;
  }

  /** The window so far as a record; then empties the builders for more of the same window or the next one. */
  takeRecord(windowSeconds: number, replicaId: string): WindowProfileRecord {
    const profile: DatasetProfile = this.builder.toProfile();
    const latency: DatasetProfile = this.latencyBuilder.toProfile();
    const record: WindowProfileRecord = {
      // A new id per flushed record: a retried write of this record is recognised by the store,
      // while the next flush of the same window (more traffic) is a record of its own.
      id: createPredictionId(),
      modelName: this.modelName,
      modelVersion: this.modelVersion,
      segment: this.segment,
      windowStart: new Date(this.windowStart),
      windowSeconds,
      replicaId,
      requestCount: this.requestCount,
      errorCount: this.errorCount,
      profile,
      latency,
    };
    this.builder.reset();
    this.latencyBuilder.reset();
    this.requestCount = 0;
    this.errorCount = 0;
    return record;
  }
}

/** Settings of a {@link WindowProfiler}. */
export interface WindowProfilerOptions {
  baseline: BaselineRecord | undefined;
  windowSeconds: number;
  replicaId: string;
  maxOpenWindows: number;
  /** Receives each finished (or flushed) window. */
  emit(record: WindowProfileRecord): void;
  /** Called when a prediction is not profiled because `maxOpenWindows` are open. */
  onWindowLimit(): void;
}

/**
 * Keeps a mergeable profile per (window, model, version, segment). Windows are aligned to
 * multiples of `windowSeconds` since the epoch and assigned by each prediction's timestamp. A
 * prediction for a window older than its series' current one (a late or back-dated record) goes
 * into a separate "late" window that is emitted at the next tick; readers merge it with the rest.
 */
export class WindowProfiler {
  private readonly windowMillis: number;
  private readonly baselinePlan: ColumnPlan | undefined;
  private readonly countsOnlyPlan: ColumnPlan;
  private readonly series = new Map<string, Map<string, Map<string, Series>>>();
  private readonly late = new Map<string, Series>();
  private seriesCount = 0;
  private last: Series | undefined;

  constructor(private readonly options: WindowProfilerOptions) {
    this.windowMillis = options.windowSeconds * 1000;
    this.baselinePlan = options.baseline === undefined ? undefined : planFor(options.baseline.profile.spec);
    this.countsOnlyPlan = planFor(getEmptySpec());
  }

  /** Windows holding state now (current and late). */
  get openWindowCount(): number {
    return this.seriesCount + this.late.size;
  }

  /** Profiles one prediction. Allocation-free while the prediction's window is the current one of a known series. */
  add(record: PredictionRecord, timestampMillis: number): void {
    const segment = record.segment ?? '';
    let series = this.last;
    if (
      series === undefined ||
      series.modelName !== record.modelName ||
      series.modelVersion !== record.modelVersion ||
      series.segment !== segment
    ) {
      series = this.findSeries(record.modelName, record.modelVersion, segment);
      if (series === undefined) {
        if (this.openWindowCount >= this.options.maxOpenWindows) {
          this.options.onWindowLimit();
          return;
        }
        series = this.createSeries(record.modelName, record.modelVersion, segment, this.windowStartOf(timestampMillis));
      }
      this.last = series;
    }
    const windowStart = this.windowStartOf(timestampMillis);
    if (windowStart !== series.windowStart) {
      if (windowStart < series.windowStart) {
        this.addLate(record, windowStart, segment);
        return;
      }
      if (series.requestCount > 0) this.options.emit(series.takeRecord(this.options.windowSeconds, this.options.replicaId));
      series.windowStart = windowStart;
    }
    series.add(record);
  }

  /** Emits every window that ended at or before `nowMillis`, and every late window; forgets idle series. */
  closeEnded(nowMillis: number): void {
    for (const [modelName, versions] of this.series) {
      for (const [modelVersion, segments] of versions) {
        for (const [segment, series] of segments) {
          if (nowMillis < series.windowStart + this.windowMillis) continue;
          if (series.requestCount > 0) {
            this.options.emit(series.takeRecord(this.options.windowSeconds, this.options.replicaId));
          } else {
            // A whole window without traffic: drop the series so idle segments do not pile up.
            segments.delete(segment);
            this.seriesCount--;
            if (this.last === series) this.last = undefined;
          }
        }
        if (segments.size === 0) versions.delete(modelVersion);
      }
      if (versions.size === 0) this.series.delete(modelName);
    }
    this.emitLate();
  }

  /** Emits every window with data, open ones included (their later data is emitted again and merged by readers). */
  closeAll(): void {
    for (const versions of this.series.values()) {
      for (const segments of versions.values()) {
        for (const series of segments.values()) {
          if (series.requestCount > 0) this.options.emit(series.takeRecord(this.options.windowSeconds, this.options.replicaId));
        }
      }
    }
    this.emitLate();
  }

  private emitLate(): void {
    for (const series of this.late.values()) {
      this.options.emit(series.takeRecord(this.options.windowSeconds, this.options.replicaId));
    }
    this.late.clear();
  }

  private windowStartOf(timestampMillis: number): number {
    const remainder = timestampMillis % this.windowMillis;
    return timestampMillis - (remainder < 0 ? remainder + this.windowMillis : remainder);
  }

  private planOf(modelName: string): ColumnPlan {
    return this.baselinePlan !== undefined && modelName === this.options.baseline!.modelName ? this.baselinePlan : this.countsOnlyPlan;
  }

  private findSeries(modelName: string, modelVersion: string, segment: string): Series | undefined {
    return this.series.get(modelName)?.get(modelVersion)?.get(segment);
  }

  private createSeries(modelName: string, modelVersion: string, segment: string, windowStart: number): Series {
    let versions = this.series.get(modelName);
    if (versions === undefined) this.series.set(modelName, (versions = new Map()));
    let segments = versions.get(modelVersion);
    if (segments === undefined) versions.set(modelVersion, (segments = new Map()));
    const series = new Series(modelName, modelVersion, segment, windowStart, this.planOf(modelName));
    segments.set(segment, series);
    this.seriesCount++;
    return series;
  }

  private addLate(record: PredictionRecord, windowStart: number, segment: string): void {
    const key = `${windowStart}\u0000${record.modelName}\u0000${record.modelVersion}\u0000${segment}`;
    let series = this.late.get(key);
    if (series === undefined) {
      if (this.openWindowCount >= this.options.maxOpenWindows) {
        this.options.onWindowLimit();
        return;
      }
      series = new Series(record.modelName, record.modelVersion, segment, windowStart, this.planOf(record.modelName));
      this.late.set(key, series);
    }
    series.add(record);
  }
}
