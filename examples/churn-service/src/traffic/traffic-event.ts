import type { YesNo } from '../data/telco-categories.js';
import type { TelcoCustomer } from '../data/telco-customer.js';

/**
 * A prediction request of the simulated traffic: a customer's features at a simulated time.
 *
 * @example
 * ```ts
 * const request: TrafficRequest = { kind: 'request', timeMillis: Date.UTC(2024, 0, 1), requestIndex: 0, customerId: '7590-VHVEG', features };
 * ```
 */
export interface TrafficRequest {
  kind: 'request';
  /** Simulated epoch milliseconds. */
  timeMillis: number;
  /** 0, 1, 2… in time order; outcomes refer back to it. */
  requestIndex: number;
  /** The unit key (the customer's `customerID`), for sticky routing and joins. */
  customerId: string;
  /** The row to score: the 19 features and `customerID`, without `Churn`. */
  features: TelcoCustomer;
}

/**
 * The ground-truth outcome of an earlier request, arriving after a delay.
 *
 * @example
 * ```ts
 * const outcome: TrafficOutcome = { kind: 'outcome', timeMillis, requestIndex: 0, requestTimeMillis, customerId: '7590-VHVEG', label: 'No' };
 * ```
 */
export interface TrafficOutcome {
  kind: 'outcome';
  /** When the outcome becomes known (simulated epoch milliseconds). */
  timeMillis: number;
  /** The {@link TrafficRequest.requestIndex} it labels. */
  requestIndex: number;
  /** When that request was made. */
  requestTimeMillis: number;
  customerId: string;
  /** Whether the customer churned. */
  label: YesNo;
}

/**
 * What the traffic simulator yields, in simulated time order.
 *
 * @example
 * ```ts
 * for (const event of simulateTraffic({ scenario, endMillis })) {
 *   if (event.kind === 'request') score(event.features);
 *   else recordOutcome(event.requestIndex, event.label);
 * }
 * ```
 */
export type TrafficEvent = TrafficRequest | TrafficOutcome;
