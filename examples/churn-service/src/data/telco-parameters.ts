import type { ChurnCoefficients } from './churn-probability.js';
import type { AddOnService, Contract, InternetService, OnlineInternetService, YesNo } from './telco-categories.js';

/**
 * Everything the synthetic Telco generator draws from: marginal and conditional shares,
 * tenure quantiles per contract, a linear price list for `MonthlyCharges`, the noise of
 * `TotalCharges`, and the logistic churn model. `scripts/fit-telco-parameters.ts` fits them on
 * the real data and writes `telco-parameters.json`; scenarios derive shifted copies.
 *
 * The generative order is: Contract → SeniorCitizen, Partner | Contract → Dependents | Partner →
 * tenure | Contract → InternetService | Contract → PhoneService, MultipleLines | InternetService →
 * add-ons | InternetService, Contract → PaperlessBilling | Contract, InternetService →
 * PaymentMethod | Contract → MonthlyCharges | services → TotalCharges | tenure, MonthlyCharges →
 * Churn | drivers.
 *
 * @example
 * ```ts
 * const pricier: TelcoParameters = {
 *   ...fittedTelcoParameters,
 *   monthlyCharges: { ...fittedTelcoParameters.monthlyCharges, priceFactor: 1.15 },
 * };
 * ```
 */
export interface TelcoParameters {
  /** Where the parameters were fitted. */
  source: { file: string; sha256: string; split: string; rows: number };
  /** Figures observed on the fit rows, kept so tests can check the generator against the real data. */
  observed: {
    churnRate: number;
    contractShares: Record<Contract, number>;
    tenureMeanByContract: Record<Contract, number>;
    monthlyChargesMean: number;
    totalChargesBlankShare: number;
  };
  /** Share of `gender` 'Female'. */
  genderFemaleShare: number;
  /** Shares of each contract type. */
  contractShares: Record<Contract, number>;
  /** Share of `SeniorCitizen` 1 per contract. */
  seniorCitizenShareByContract: Record<Contract, number>;
  /** Share of `Partner` 'Yes' per contract. */
  partnerShareByContract: Record<Contract, number>;
  /** Share of `Dependents` 'Yes' by `Partner`. */
  dependentsShareByPartner: Record<YesNo, number>;
  /**
   * Tenure per contract: the share of tenure 0 (new customers without a bill yet), and
   * equally spaced quantiles (0 %, 2.5 %, …, 100 %) of the positive tenures, interpolated linearly.
   */
  tenureByContract: Record<Contract, { zeroShare: number; quantiles: number[] }>;
  /**
   * Tenure is read at quantile position `u ** tenureQuantileExponent` for a uniform `u`: 1 in the
   * fitted parameters; above 1 the mix moves to newer customers while the range stays 1–72.
   */
  tenureQuantileExponent: number;
  /** Shares of each internet service per contract. */
  internetServiceSharesByContract: Record<Contract, Record<InternetService, number>>;
  /** Share of `PhoneService` 'Yes' per internet service. */
  phoneServiceShareByInternetService: Record<InternetService, number>;
  /** Share of `MultipleLines` 'Yes' among phone customers, per internet service. */
  multipleLinesShareByInternetService: Record<InternetService, number>;
  /** Share of 'Yes' for each add-on, per internet service (DSL or fiber) and contract. */
  addOnShares: Record<AddOnService, Record<OnlineInternetService, Record<Contract, number>>>;
  /** Share of `PaperlessBilling` 'Yes' per contract and internet service. */
  paperlessBillingShareByContract: Record<Contract, Record<InternetService, number>>;
  /** Shares of each payment method per contract; a scenario may add a level. */
  paymentMethodSharesByContract: Record<Contract, Record<string, number>>;
  /**
   * The price list: `MonthlyCharges ≈ (intercept + Σ service prices) × priceFactor + noise`,
   * clamped to [minimum, maximum] × priceFactor and rounded to 0.05.
   */
  monthlyCharges: {
    intercept: number;
    phoneService: number;
    multipleLines: number;
    internetService: Record<InternetService, number>;
    addOns: Record<AddOnService, number>;
    noiseStandardDeviation: number;
    minimum: number;
    maximum: number;
    /** Multiplies every price; 1 in the fitted parameters, raised by price-hike scenarios. */
    priceFactor: number;
  };
  /** `ln(TotalCharges / (tenure × MonthlyCharges)) ~ Normal(logRatioMean, logRatioScale / √tenure)` for tenure ≥ 2. */
  totalCharges: { logRatioMean: number; logRatioScale: number };
  /** The logistic model that draws `Churn`. */
  churn: ChurnCoefficients;
}
