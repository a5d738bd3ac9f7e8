import { compareProfiles, mergeProfiles, type ColumnDrift, type DatasetProfile } from '@driftwatch/drift';
import { timeRangeOf, type ReaderContext } from './reader-context.js';

/** One column's training and production distributions on the same bins, as shares. */
export interface DistributionView {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Bin labels: `10–20` for numeric bins, category names for categorical ones. */
  labels: string[];
  reference: number[];
  current: number[];
  psi: number | null;
  referenceCount: number;
  currentCount: number;
}

/** The recent window of traffic compared with the newest baseline. */
export interface BaselineComparison {
  baselineVersion: string | null;
  windowSeconds: number;
  /** Window profiles merged (those laid out by the baseline's spec). */
  profileCount: number;
  /** Window profiles of another spec (another version's baseline), left out. */
  incompatibleProfileCount: number;
  distributions: DistributionView[];
  /** Why there is nothing to compare, when there is not. */
  note: string | null;
}

const shortNumber = (value: number): string => (Number.isFinite(value) ? String(Number(value.toPrecision(3))) : String(value));

function toShares(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => (total > 0 ? count / total : 0));
}

function toDistributionView(column: ColumnDrift): DistributionView {
  const distribution = column.distribution;
  const labels =
    distribution.kind === 'numeric'
      ? distribution.referenceCounts.map((_, index) => `${shortNumber(distribution.edges[index]!)}–${shortNumber(distribution.edges[index + 1]!)}`)
      : [...distribution.categories];
  return {
    name: column.name,
    kind: column.kind,
    labels,
    reference: toShares(distribution.referenceCounts),
    current: toShares(distribution.currentCounts),
    psi: Number.isFinite(column.effects.psi) ? column.effects.psi : null,
    referenceCount: column.referenceCount,
    currentCount: column.currentCount,
  };
}

/**
 * Merges the window profiles of the last `windowSeconds` that share the newest baseline's spec
 * and compares them with it (`compareProfiles`), for the training-versus-production overlays.
 * Reads one baseline and one window of profiles; no raw predictions.
 *
 * @example
 * ```ts
 * import { compareWindowWithBaseline } from './compare-window-with-baseline.js';
 * // const comparison = await compareWindowWithBaseline(context, 3600, (name) => !name.startsWith('prediction.'));
 * ```
 */
export async function compareWindowWithBaseline(
  context: ReaderContext,
  windowSeconds: number,
  includeColumn: (name: string) => boolean,
): Promise<BaselineComparison> {
  const { store } = context.config;
  const { from, to } = timeRangeOf(windowSeconds, context.nowMillis);
  const [baseline, profiles] = await Promise.all([
    store.readBaseline(context.modelName),
    store.readWindowProfiles({ modelName: context.modelName, from, to }),
  ]);
  const empty = (note: string, compatible = 0): BaselineComparison => ({
    baselineVersion: baseline?.version ?? null,
    windowSeconds,
    profileCount: compatible,
    incompatibleProfileCount: profiles.length - compatible,
    distributions: [],
    note,
  });
  if (baseline === undefined) return empty('No baseline is stored for this model.');
  const fingerprint = baseline.profile.spec.fingerprint;
  const compatible: DatasetProfile[] = [];
  for (const record of profiles) if (record.profile.spec.fingerprint === fingerprint && record.profile.rowCount > 0) compatible.push(record.profile);
  if (compatible.length === 0) return empty(`No traffic profiled with baseline ${baseline.version}'s spec in the last ${windowSeconds} s.`);
  let report: ReturnType<typeof compareProfiles>;
  try {
    report = compareProfiles(baseline.profile, mergeProfiles(...compatible));
  } catch (error) {
    // An empty baseline or nothing comparable: say so on the page rather than fail it.
    return empty(`The window could not be compared with baseline ${baseline.version}: ${error instanceof Error ? error.message : String(error)}`, compatible.length);
  }
  return {
    ...empty('', compatible.length),
    note: null,
    distributions: report.columns.filter((column) => includeColumn(column.name)).map(toDistributionView),
  };
}
