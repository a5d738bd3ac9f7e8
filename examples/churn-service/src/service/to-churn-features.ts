import type { TelcoCustomer } from '../data/telco-customer.js';
import type { ChurnFeatures, ChurnRequest } from './churn-request-schema.js';

/**
 * The features of a customer row, the same way for training rows and for requests: without
 * `customerID` (and without `Churn`, when the row has it), with a blank `TotalCharges` as `null`,
 * so that the baseline, the logged features and the training rows all agree that it is missing.
 *
 * @example
 * ```ts
 * const features = generateTelcoCustomers({ count: 100, seed: 1 }).map(toChurnFeatures);
 * ```
 */
export function toChurnFeatures(row: TelcoCustomer | ChurnRequest): ChurnFeatures {
  const { customerID: _customerId, Churn: _churn, TotalCharges, ...rest } = row as TelcoCustomer & { Churn?: string };
  return { ...rest, TotalCharges: typeof TotalCharges === 'number' ? TotalCharges : null } as ChurnFeatures;
}
