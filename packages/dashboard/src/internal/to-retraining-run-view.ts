import type { RunRecord } from '@driftwatch/core';

/** One step of a retraining run, read structurally from `run.artifacts.steps`. */
export interface RetrainingStepView {
  name: string;
  status: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMillis: number | null;
  attempts: number;
  /** The step's output in one short line: its `reason`, else compact JSON. */
  output: string | null;
  error: string | null;
}

/** Where the A/B test of a retraining run stands, from its steps' outputs. */
export interface PromotionView {
  phase: string;
  mode: string | null;
  championVersion: number | null;
  challengerVersion: number | null;
  outcome: string | null;
  reason: string | null;
  lastAction: string | null;
  evaluationCount: number | null;
}

/** A retraining run as the pages show it. */
export interface RetrainingRunView {
  id: string;
  experiment: string;
  status: RunRecord['status'];
  startedAt: string;
  endedAt: string | null;
  error: string | null;
  outcome: string | null;
  trigger: string | null;
  reason: string | null;
  steps: RetrainingStepView[];
  promotion: PromotionView | null;
}

const maxOutputLength = 240;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function summarizeOutput(output: unknown): string | null {
  if (!isRecord(output)) return null;
  if (typeof output.reason === 'string') return truncate(output.reason);
  const { promotion, ...rest } = output;
  const shown = isRecord(promotion) ? { ...rest, phase: promotion.phase } : rest;
  const text = JSON.stringify(shown);
  return text === '{}' ? null : truncate(text);
}

function truncate(text: string): string {
  return text.length <= maxOutputLength ? text : `${text.slice(0, maxOutputLength - 1)}…`;
}

/**
 * Reads a retraining run's steps and promotion state from its artifacts. The record is read by
 * shape (`run.artifacts.steps` = `[{ name, status, startedAt, endedAt, durationMillis, attempts, output, error }]`),
 * so the dashboard needs no import from `@driftwatch/registry`; anything malformed is skipped.
 *
 * @example
 * ```ts
 * import { toRetrainingRunView } from './to-retraining-run-view.js';
 * const view = toRetrainingRunView({
 *   id: 'r1', experiment: 'retraining:churn', status: 'running', params: {}, metrics: {}, tags: {}, startedAt: new Date(),
 *   artifacts: { steps: [{ name: 'check-trigger', status: 'succeeded', attempts: 1 }] },
 * });
 * view.steps[0]?.status; // 'succeeded'
 * ```
 */
export function toRetrainingRunView(run: RunRecord): RetrainingRunView {
  const rawSteps = Array.isArray(run.artifacts?.steps) ? (run.artifacts.steps as unknown[]) : [];
  const steps: RetrainingStepView[] = [];
  let promotion: PromotionView | null = null;
  for (const step of rawSteps) {
    if (!isRecord(step) || typeof step.name !== 'string') continue;
    steps.push({
      name: step.name,
      status: typeof step.status === 'string' ? step.status : 'pending',
      startedAt: stringOrNull(step.startedAt),
      endedAt: stringOrNull(step.endedAt),
      durationMillis: numberOrNull(step.durationMillis),
      attempts: numberOrNull(step.attempts) ?? 0,
      output: summarizeOutput(step.output),
      error: stringOrNull(step.error),
    });
    const output = isRecord(step.output) ? step.output : undefined;
    if (output !== undefined && isRecord(output.promotion)) {
      const state = output.promotion;
      promotion = {
        phase: String(state.phase ?? 'unknown'),
        mode: stringOrNull(state.mode),
        championVersion: numberOrNull(state.championVersion),
        challengerVersion: numberOrNull(state.challengerVersion),
        outcome: stringOrNull(state.outcome),
        reason: stringOrNull(output.reason) ?? stringOrNull(state.reason),
        lastAction: stringOrNull(output.lastAction),
        evaluationCount: numberOrNull(state.evaluationCount),
      };
    }
  }
  return {
    id: run.id,
    experiment: run.experiment,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    endedAt: run.endedAt === undefined ? null : run.endedAt.toISOString(),
    error: run.error ?? null,
    outcome: stringOrNull(run.tags?.outcome),
    trigger: stringOrNull(run.params?.trigger) ?? stringOrNull(run.tags?.trigger),
    reason: stringOrNull(run.params?.reason),
    steps,
    promotion,
  };
}
