import type { Contract, InternetService } from './telco-categories.js';
import type { TelcoCustomer } from './telco-customer.js';

/**
 * Coefficients of the logistic model that draws `Churn` from a customer's main drivers.
 * Category coefficients are relative to a reference level whose coefficient is 0
 * ('Month-to-month', 'DSL', and every payment method other than 'Electronic check' in the fitted
 * model); a payment method missing from `paymentMethod` also counts 0.
 *
 * @example
 * ```ts
 * const looser: ChurnCoefficients = { ...fittedTelcoParameters.churn, contract: { 'Month-to-month': 0, 'One year': 0, 'Two year': 0 } };
 * ```
 */
export interface ChurnCoefficients {
  intercept: number;
  contract: Record<Contract, number>;
  /** Per month of tenure. */
  tenureMonths: number;
  /** Per unit of `ln(1 + tenure)`: churn falls fastest in the first months. */
  logOnePlusTenureMonths: number;
  internetService: Record<InternetService, number>;
  paymentMethod: Record<string, number>;
  /** Per dollar of `MonthlyCharges`. */
  monthlyChargesDollars: number;
  seniorCitizen: number;
  /** For `TechSupport` 'Yes'. */
  techSupport: number;
  /** For `OnlineSecurity` 'Yes'. */
  onlineSecurity: number;
  /** For `PaperlessBilling` 'Yes'. */
  paperlessBilling: number;
}

/**
 * The linear predictor (log-odds of churn) of a customer under the coefficients.
 *
 * @example
 * ```ts
 * const logOdds = churnLogOdds(customer, fittedTelcoParameters.churn);
 * ```
 */
export function churnLogOdds(customer: TelcoCustomer, coefficients: ChurnCoefficients): number {
  return (
    coefficients.intercept +
    coefficients.contract[customer.Contract] +
    coefficients.tenureMonths * customer.tenure +
    coefficients.logOnePlusTenureMonths * Math.log1p(customer.tenure) +
    coefficients.internetService[customer.InternetService] +
    (coefficients.paymentMethod[customer.PaymentMethod] ?? 0) +
    coefficients.monthlyChargesDollars * customer.MonthlyCharges +
    coefficients.seniorCitizen * customer.SeniorCitizen +
    (customer.TechSupport === 'Yes' ? coefficients.techSupport : 0) +
    (customer.OnlineSecurity === 'Yes' ? coefficients.onlineSecurity : 0) +
    (customer.PaperlessBilling === 'Yes' ? coefficients.paperlessBilling : 0)
  );
}

/**
 * The probability that a customer churns under the coefficients: the logistic of
 * {@link churnLogOdds}.
 *
 * @example
 * ```ts
 * const probability = churnProbability(customer, fittedTelcoParameters.churn); // in (0, 1)
 * ```
 */
export function churnProbability(customer: TelcoCustomer, coefficients: ChurnCoefficients): number {
  return 1 / (1 + Math.exp(-churnLogOdds(customer, coefficients)));
}
