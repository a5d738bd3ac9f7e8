import fitted from '../../telco-parameters.json' with { type: 'json' };
import type { TelcoParameters } from './telco-parameters.js';

/**
 * The generator's parameters as fitted on the real Telco data by
 * `scripts/fit-telco-parameters.ts` (committed as `telco-parameters.json`). Deeply frozen:
 * scenarios derive shifted copies instead of editing them.
 *
 * @example
 * ```ts
 * console.log(fittedTelcoParameters.observed.churnRate); // ≈ 0.265
 * const shifted = { ...fittedTelcoParameters, contractShares: { 'Month-to-month': 0.8, 'One year': 0.1, 'Two year': 0.1 } };
 * ```
 */
export const fittedTelcoParameters: TelcoParameters = deepFreeze(fitted satisfies TelcoParameters);

function deepFreeze<Value>(value: Value): Value {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
