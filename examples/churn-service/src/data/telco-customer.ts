import type { AddOnService, Contract, InternetService, YesNo } from './telco-categories.js';

/**
 * One customer as a row of the IBM Telco Customer Churn data: the 19 features plus
 * `customerID`, with the data's own quirks kept (`SeniorCitizen` is 0/1 while the other flags
 * are 'Yes'/'No'; `TotalCharges` is a single blank `' '` for customers in their first month).
 *
 * @example
 * ```ts
 * const customer: TelcoCustomer = generateTelcoCustomers({ count: 1, seed: 1 })[0]!;
 * console.log(customer.Contract, customer.tenure, customer.MonthlyCharges);
 * ```
 */
export type TelcoCustomer = {
  customerID: string;
  gender: 'Female' | 'Male';
  SeniorCitizen: 0 | 1;
  Partner: YesNo;
  Dependents: YesNo;
  /** Months with the company, 0–72. */
  tenure: number;
  PhoneService: YesNo;
  MultipleLines: YesNo | 'No phone service';
  InternetService: InternetService;
  Contract: Contract;
  PaperlessBilling: YesNo;
  /** One of `paymentMethods`, or a level a scenario introduces. */
  PaymentMethod: string;
  /** The current monthly bill in dollars, a multiple of 0.05. */
  MonthlyCharges: number;
  /** Dollars billed so far; `' '` (blank, as in the real CSV) when `tenure` is 0. */
  TotalCharges: number | ' ';
} & Record<AddOnService, YesNo | 'No internet service'>;

/**
 * A {@link TelcoCustomer} with its ground-truth outcome, `Churn`, as in the real data.
 *
 * @example
 * ```ts
 * const rows: LabelledTelcoCustomer[] = generateTelcoCustomers({ count: 1000, seed: 1 });
 * const churnRate = rows.filter((row) => row.Churn === 'Yes').length / rows.length;
 * ```
 */
export type LabelledTelcoCustomer = TelcoCustomer & { Churn: YesNo };

/**
 * The 19 feature columns in the real file's order (without `customerID` and `Churn`).
 *
 * @example
 * ```ts
 * const features = Object.fromEntries(telcoFeatureColumns.map((column) => [column, customer[column]]));
 * ```
 */
export const telcoFeatureColumns = [
  'gender',
  'SeniorCitizen',
  'Partner',
  'Dependents',
  'tenure',
  'PhoneService',
  'MultipleLines',
  'InternetService',
  'OnlineSecurity',
  'OnlineBackup',
  'DeviceProtection',
  'TechSupport',
  'StreamingTV',
  'StreamingMovies',
  'Contract',
  'PaperlessBilling',
  'PaymentMethod',
  'MonthlyCharges',
  'TotalCharges',
] as const satisfies ReadonlyArray<keyof TelcoCustomer>;
