import type { AlertEvidence } from '@driftwatch/core';

/** One labelled evidence value, already formatted for people. */
export interface EvidenceField {
  label: string;
  value: string;
}

/**
 * The evidence every human-facing sink shows, in the same order and with the same number
 * formatting: test, statistic, threshold, n, and the p-value when a test produced one.
 */
export function evidenceFields(evidence: AlertEvidence): EvidenceField[] {
  const fields: EvidenceField[] = [
    { label: 'Test', value: String(evidence.test) },
    { label: 'Statistic', value: formatNumber(evidence.statistic) },
    { label: 'Threshold', value: formatNumber(evidence.threshold) },
    { label: 'n', value: formatNumber(evidence.n) },
  ];
  if (typeof evidence.pValue === 'number') fields.push({ label: 'p-value', value: formatNumber(evidence.pValue) });
  return fields;
}

/** The bins that moved most, one line each: `[0, 3): 10.0% → 25.0% (+15.0 pp)`. */
export function topBinLines(evidence: AlertEvidence, maxBins: number): string[] {
  const bins = Array.isArray(evidence.topBins) ? evidence.topBins.slice(0, maxBins) : [];
  return bins.map((bin) => {
    const movePoints = (bin.currentShare - bin.referenceShare) * 100;
    const sign = movePoints >= 0 ? '+' : '-';
    return `${bin.bin}: ${formatShare(bin.referenceShare)} → ${formatShare(bin.currentShare)} (${sign}${Math.abs(movePoints).toFixed(1)} pp)`;
  });
}

/**
 * Four significant digits, which is what a statistic needs to be read; integers as they are;
 * very small values (p-values) in exponent form so that they do not print as 0.
 */
export function formatNumber(value: number): string {
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3) return value.toExponential(2);
  if (magnitude >= 1e4) return value.toFixed(0);
  return String(Number(value.toPrecision(4)));
}

/** A share in [0, 1] as a percentage with one decimal. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
