import type { EventStore, OutcomeRecord, PredictionRecord } from '@driftwatch/core';
import { createSeededRandom } from '../promotion/simulation.test-helper.js';

/**
 * Writes `count` labelled churn-like predictions spread over the `days` before `endMillis`:
 * features tenure, monthlyCharges and contract, and an outcome drawn from a logistic model of
 * them, so that a classifier trained on the rows reaches an AUC near 0.8.
 */
export async function writeLabelledChurnTraffic(
  eventStore: EventStore,
  options: { modelName?: string; modelVersion?: string; count: number; endMillis: number; days?: number; seed?: number; failedShare?: number },
): Promise<void> {
  const random = createSeededRandom(options.seed ?? 1);
  const spanMillis = (options.days ?? 10) * 86_400_000;
  const predictions: PredictionRecord[] = [];
  const outcomes: OutcomeRecord[] = [];
  const contracts = ['Month-to-month', 'One year', 'Two year'];
  for (let index = 0; index < options.count; index++) {
    const tenure = Math.floor(random() * 72);
    const monthlyCharges = 20 + random() * 100;
    const contract = contracts[Math.floor(random() * 3)]!;
    const logit = -1 + 0.03 * (monthlyCharges - 70) - 0.06 * (tenure - 30) + (contract === 'Month-to-month' ? 1.2 : contract === 'Two year' ? -1.5 : 0);
    const churns = random() < 1 / (1 + Math.exp(-logit));
    const timestamp = new Date(options.endMillis - spanMillis + Math.floor((index * spanMillis) / options.count));
    const id = `p-${String(timestamp.getTime()).padStart(14, '0')}-${String(index).padStart(6, '0')}`;
    const failed = random() < (options.failedShare ?? 0);
    predictions.push({
      id,
      timestamp,
      modelName: options.modelName ?? 'churn',
      modelVersion: options.modelVersion ?? '1',
      features: { tenure, monthlyCharges: Math.round(monthlyCharges * 100) / 100, contract },
      prediction: failed ? {} : { label: random() < 0.3 ? 'Yes' : 'No', score: random() },
      ...(failed ? { status: 'error' as const } : {}),
    });
    outcomes.push({ predictionId: id, label: churns ? 'Yes' : 'No', timestamp });
  }
  await eventStore.writePredictions(predictions);
  await eventStore.writeOutcomes(outcomes);
}
