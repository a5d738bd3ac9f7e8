import type { AlertRecord } from '@driftwatch/core';

/** A realistic firing alert; tests override what they check. */
export function sampleAlert(overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id: 'alert-0001',
    dedupeKey: 'churn:tenure:psi',
    modelName: 'churn',
    modelVersion: 'v3',
    severity: 'CRITICAL',
    status: 'firing',
    title: 'PSI drift on tenure',
    message: 'PSI of tenure is 0.3127, above the 0.25 threshold.',
    evidence: {
      test: 'psi',
      statistic: 0.31274,
      threshold: 0.25,
      pValue: 0.000012,
      n: 5000,
      topBins: [
        { bin: '[0, 6)', referenceShare: 0.3, currentShare: 0.12 },
        { bin: '[60, 72]', referenceShare: 0.1, currentShare: 0.22 },
      ],
    },
    createdAt: new Date('2025-01-15T10:30:00.000Z'),
    deliveries: [],
    ...overrides,
  };
}
