import { DriftwatchError } from '../errors/driftwatch-error.js';
import { toColumns, type DatasetInput } from '../internal/dataset-columns.js';
import type { DatasetProfile } from './dataset-profile.js';
import { CategoricalAccumulator } from './internal/categorical-accumulator.js';
import { NumericAccumulator } from './internal/numeric-accumulator.js';
import { checkSpec } from './internal/profile-validation.js';
import type { ProfileSpec } from './profile-spec.js';

/**
 * Config for {@link ProfileBuilder}.
 *
 * @example
 * ```ts
 * import { ProfileBuilder, createProfileSpec, type ProfileBuilderConfig } from '@driftwatch/drift';
 * const config: ProfileBuilderConfig = { spec: createProfileSpec({ score: [0.2, 0.8] }) };
 * const builder = new ProfileBuilder(config);
 * ```
 */
export interface ProfileBuilderConfig {
  /** The layout to profile into, from `createProfileSpec`. */
  spec: ProfileSpec;
}

/**
 * Accumulates a profile one row at a time, for the per-prediction path of a logger. Counting a
 * finite number or a string allocates nothing, apart from the rare growth of a sketch store
 * and the first sight of a category name. One cost sits outside the builder: reading
 * number-valued properties of row objects by name (`addRow`) makes V8 box each number, about
 * 16 bytes of short-lived garbage per value, because the lookups go through many keys. Passing
 * the values positionally with {@link ProfileBuilder.addValues} avoids that and is faster.
 *
 * {@link ProfileBuilder.toProfile} copies the state into a plain {@link DatasetProfile}, and the
 * builder keeps accumulating. Run one builder per process or worker and merge their profiles.
 *
 * @example
 * ```ts
 * import { ProfileBuilder, createProfileSpec } from '@driftwatch/drift';
 * const spec = createProfileSpec([{ amount: 10, plan: 'basic' }, { amount: 25, plan: 'pro' }]);
 * const builder = new ProfileBuilder({ spec });
 * builder.addRow({ amount: 12, plan: 'pro' });
 * builder.addValues([null, 'basic']); // values in spec.columns order
 * const minute = builder.toProfile();
 * builder.reset();
 * ```
 */
export class ProfileBuilder {
  /** The layout this builder profiles into. */
  readonly spec: ProfileSpec;
  private readonly names: string[];
  private readonly accumulators: Array<NumericAccumulator | CategoricalAccumulator>;
  private rows = 0;

  constructor(config: ProfileBuilderConfig) {
    checkSpec(config.spec, 'INVALID_ARGUMENT');
    this.spec = config.spec;
    this.names = config.spec.columns.map((column) => column.name);
    this.accumulators = config.spec.columns.map((column) =>
      column.kind === 'numeric'
        ? new NumericAccumulator(column.cuts, config.spec.relativeAccuracy)
        : new CategoricalAccumulator(column.categories, config.spec.maxCategories),
    );
  }

  /** Rows added since construction or the last {@link ProfileBuilder.reset}. */
  get rowCount(): number {
    return this.rows;
  }

  /**
   * Adds one row. Keys outside the spec are ignored; an absent key is a missing value.
   *
   * @example
   * ```ts
   * import { ProfileBuilder, createProfileSpec } from '@driftwatch/drift';
   * const builder = new ProfileBuilder({ spec: createProfileSpec({ score: [0.1, 0.9] }) });
   * builder.addRow({ score: 0.42, requestId: 'ignored' });
   * ```
   */
  addRow(row: Readonly<Record<string, unknown>>): void {
    if (typeof row !== 'object' || row === null) {
      throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: 'A profiled row must be an object.' });
    }
    const names = this.names;
    const accumulators = this.accumulators;
    for (let index = 0; index < names.length; index++) accumulators[index]!.add(row[names[index]!]);
    this.rows++;
  }

  /**
   * Adds one row given as values in `spec.columns` order, which skips the lookups by name and
   * allocates nothing. Missing trailing values count as missing.
   *
   * @example
   * ```ts
   * import { ProfileBuilder, createProfileSpec } from '@driftwatch/drift';
   * const builder = new ProfileBuilder({ spec: createProfileSpec({ score: [0.1, 0.9], plan: ['a', 'b'] }) });
   * builder.addValues([0.42, 'b']);
   * ```
   */
  addValues(values: ArrayLike<unknown>): void {
    const accumulators = this.accumulators;
    for (let index = 0; index < accumulators.length; index++) accumulators[index]!.add(values[index]);
    this.rows++;
  }

  /**
   * Adds a batch: row objects or columns keyed by name, as `compareDatasets` accepts them.
   *
   * @example
   * ```ts
   * import { ProfileBuilder, createProfileSpec } from '@driftwatch/drift';
   * const builder = new ProfileBuilder({ spec: createProfileSpec({ score: [0.1, 0.9] }) });
   * builder.addDataset({ score: Float64Array.of(0.2, 0.3, 0.5) });
   * builder.rowCount; // 3
   * ```
   */
  addDataset(data: DatasetInput): void {
    if (Array.isArray(data)) {
      const rows = data as ReadonlyArray<Readonly<Record<string, unknown>>>;
      for (let index = 0; index < rows.length; index++) this.addRow(rows[index]!);
      return;
    }
    const columns = toColumns(data, 'profiled');
    for (let column = 0; column < this.names.length; column++) {
      const values = columns.columns.get(this.names[column]!);
      const accumulator = this.accumulators[column]!;
      if (values === undefined) {
        for (let index = 0; index < columns.rowCount; index++) accumulator.addMissing();
      } else if (accumulator instanceof NumericAccumulator && values instanceof Float64Array) {
        for (let index = 0; index < values.length; index++) {
          const value = values[index]!;
          if (value - value === 0) accumulator.addFinite(value);
          else accumulator.addMissing();
        }
      } else {
        for (let index = 0; index < values.length; index++) accumulator.add(values[index]);
      }
    }
    this.rows += columns.rowCount;
  }

  /**
   * The profile of everything added so far, as a new plain object that later additions do not change.
   *
   * @example
   * ```ts
   * import { ProfileBuilder, createProfileSpec } from '@driftwatch/drift';
   * const builder = new ProfileBuilder({ spec: createProfileSpec({ score: [0.1, 0.9] }) });
   * builder.addRow({ score: 0.5 });
   * builder.toProfile().columns[0]!.count; // 1
   * ```
   */
  toProfile(): DatasetProfile {
    return {
      spec: this.spec,
      rowCount: this.rows,
      columns: this.accumulators.map((accumulator) => accumulator.snapshot()),
    };
  }

  /**
   * Empties the builder, keeping its allocated buckets, so one builder can serve minute after minute.
   *
   * @example
   * ```ts
   * import { ProfileBuilder, createProfileSpec } from '@driftwatch/drift';
   * const builder = new ProfileBuilder({ spec: createProfileSpec({ score: [0.1, 0.9] }) });
   * builder.addRow({ score: 0.5 });
   * builder.reset();
   * builder.rowCount; // 0
   * ```
   */
  reset(): void {
    for (const accumulator of this.accumulators) accumulator.clear();
    this.rows = 0;
  }
}
