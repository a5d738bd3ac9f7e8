import type { RunRecord } from '@driftwatch/core';
import { canonicalJson } from '../internal/canonical-json.js';

/**
 * Runs side by side: every param and metric that any of them has, one value per run (in the
 * order given), which params differ, and which run has the lowest and highest value of each metric.
 *
 * @example
 * ```ts
 * import type { RunComparison } from '@driftwatch/registry';
 * const comparison: RunComparison = await registry.compareRuns(['run-1', 'run-2']);
 * comparison.metrics.find((row) => row.key === 'auc')?.maximumRunId; // 'run-2'
 * ```
 */
export interface RunComparison {
  runIds: string[];
  /** Sorted by key. `values[i]` belongs to `runIds[i]` (`undefined` when that run lacks the param). */
  params: Array<{ key: string; values: unknown[]; differs: boolean }>;
  /** Sorted by key; the latest value of each metric. */
  metrics: Array<{ key: string; values: Array<number | undefined>; minimumRunId?: string; maximumRunId?: string }>;
}

/**
 * Compares runs (MLflow's "compare runs" view): see {@link RunComparison}. Pure; the registry's
 * `compareRuns(runIds)` reads the runs and calls it.
 *
 * @example
 * ```ts
 * import { compareRuns } from '@driftwatch/registry';
 * const comparison = compareRuns([runA, runB]);
 * comparison.params.filter((row) => row.differs).map((row) => row.key); // ['maxDepth']
 * ```
 */
export function compareRuns(runs: readonly RunRecord[]): RunComparison {
  const runIds = runs.map((run) => run.id);
  const paramKeys = [...new Set(runs.flatMap((run) => Object.keys(run.params)))].sort();
  const metricKeys = [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))].sort();
  const params = paramKeys.map((key) => {
    const values = runs.map((run) => run.params[key]);
    const texts = new Set(values.map((value) => (value === undefined ? '\u0000undefined' : canonicalJson(value))));
    return { key, values, differs: texts.size > 1 };
  });
  const metrics = metricKeys.map((key) => {
    const values = runs.map((run) => run.metrics[key]);
    let minimumIndex = -1;
    let maximumIndex = -1;
    values.forEach((value, index) => {
      if (value === undefined || Number.isNaN(value)) return;
      if (minimumIndex < 0 || value < values[minimumIndex]!) minimumIndex = index;
      if (maximumIndex < 0 || value > values[maximumIndex]!) maximumIndex = index;
    });
    return {
      key,
      values,
      ...(minimumIndex < 0 ? {} : { minimumRunId: runIds[minimumIndex]!, maximumRunId: runIds[maximumIndex]! }),
    };
  });
  return { runIds, params, metrics };
}
