/**
 * Fits the synthetic Telco generator to the real IBM Telco Customer Churn data and writes
 * `telco-parameters.json`. Only aggregate parameters leave this script; no row of the real data
 * is ever written into the repository.
 *
 * The fit uses the 5,634 training rows of `split-seed42.json` only, so that the 1,409 test rows
 * stay unseen for the synthetic-vs-real AUC check. Re-run it after changing the generator:
 *
 * ```sh
 * cd examples/churn-service
 * npx tsx scripts/fit-telco-parameters.ts                       # reads ../shared/data/telco-churn
 * npx tsx scripts/fit-telco-parameters.ts --data /path/to/telco-churn --output /tmp/parameters.json
 * ```
 *
 * The output is deterministic: the same data gives byte-identical JSON.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { calibrateChurnIntercept } from '../src/data/calibrate-churn-intercept.js';
import type { ChurnCoefficients } from '../src/data/churn-probability.js';
import { readTelcoData, telcoDataAvailable, telcoDataDirectory } from '../src/data/read-telco-data.js';
import {
  addOnServices,
  contracts,
  internetServices,
  onlineInternetServices,
  paymentMethods,
  type AddOnService,
  type Contract,
  type InternetService,
  type OnlineInternetService,
  type YesNo,
} from '../src/data/telco-categories.js';
import type { TelcoParameters } from '../src/data/telco-parameters.js';

type Row = Record<string, string>;

/** Tenure quantiles at 0 %, 2.5 %, …, 100 %. */
const tenureQuantileCount = 41;
/** Synthetic customers used to recalibrate the churn intercept, and their seed. */
const calibrationCustomers = 200_000;
const calibrationSeed = 20_240_101;

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: telcoDataDirectory },
      output: { type: 'string', default: fileURLToPath(new URL('../telco-parameters.json', import.meta.url)) },
    },
  });
  const directory = values.data!;
  if (!telcoDataAvailable(directory)) {
    console.error(`telco.csv and split-seed42.json not found in ${directory}; pass --data <directory>.`);
    process.exitCode = 1;
    return;
  }
  const data = readTelcoData(directory);
  const rows = data.split.train.map((index) => data.rows[index]!);
  const parameters = fitParameters(rows, createHash('sha256').update(data.text).digest('hex'));
  const uncalibratedIntercept = parameters.churn.intercept;
  // The logistic fit reproduces the real churn rate on the real covariates; the synthetic ones only
  // approximate them, so shift the intercept until synthetic customers churn at the real rate.
  parameters.churn.intercept = calibrateChurnIntercept({
    parameters,
    coefficients: parameters.churn,
    targetChurnRate: parameters.observed.churnRate,
    customers: calibrationCustomers,
    seed: calibrationSeed,
  });
  // Number arrays (the tenure quantiles) go on one line each.
  const json = `${JSON.stringify(roundNumbers(parameters), null, 2).replace(/\[\s*([-\d.e+,\s]+?)\s*\]/g, (_, inner: string) => `[${inner.split(/,\s*/).join(', ')}]`)}\n`;
  writeFileSync(values.output!, json);
  console.log(`Fitted on ${rows.length} training rows; churn rate ${parameters.observed.churnRate.toFixed(4)}.`);
  console.log(`Churn intercept ${uncalibratedIntercept.toFixed(4)} → ${parameters.churn.intercept.toFixed(4)} after calibration on synthetic rows.`);
  console.log(`Wrote ${values.output}.`);
}

function fitParameters(rows: Row[], sha256: string): TelcoParameters {
  const byContract = (contract: Contract) => rows.filter((row) => row.Contract === contract);
  const share = (subset: Row[], test: (row: Row) => boolean) => (subset.length === 0 ? 0 : subset.filter(test).length / subset.length);
  const record = <Key extends string>(keys: readonly Key[], value: (key: Key) => number) =>
    Object.fromEntries(keys.map((key) => [key, value(key)])) as Record<Key, number>;
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

  const online = (internet: OnlineInternetService, contract: Contract) =>
    rows.filter((row) => row.InternetService === internet && row.Contract === contract);
  const addOnShares = Object.fromEntries(
    addOnServices.map((addOn) => [
      addOn,
      Object.fromEntries(
        onlineInternetServices.map((internet) => [internet, record(contracts, (contract) => share(online(internet, contract), (row) => row[addOn] === 'Yes'))]),
      ),
    ]),
  ) as Record<AddOnService, Record<OnlineInternetService, Record<Contract, number>>>;

  const positiveTenures = (contract: Contract) =>
    byContract(contract)
      .map((row) => Number(row.tenure))
      .filter((tenure) => tenure > 0)
      .sort((left, right) => left - right);

  return {
    source: { file: 'telco.csv (IBM Telco Customer Churn, 7,043 rows)', sha256, split: 'split-seed42.json, train indices', rows: rows.length },
    observed: {
      churnRate: share(rows, (row) => row.Churn === 'Yes'),
      contractShares: record(contracts, (contract) => share(rows, (row) => row.Contract === contract)),
      tenureMeanByContract: record(contracts, (contract) => mean(byContract(contract).map((row) => Number(row.tenure)))),
      monthlyChargesMean: mean(rows.map((row) => Number(row.MonthlyCharges))),
      totalChargesBlankShare: share(rows, (row) => row.TotalCharges!.trim() === ''),
    },
    genderFemaleShare: share(rows, (row) => row.gender === 'Female'),
    contractShares: record(contracts, (contract) => share(rows, (row) => row.Contract === contract)),
    seniorCitizenShareByContract: record(contracts, (contract) => share(byContract(contract), (row) => row.SeniorCitizen === '1')),
    partnerShareByContract: record(contracts, (contract) => share(byContract(contract), (row) => row.Partner === 'Yes')),
    dependentsShareByPartner: record<YesNo>(['Yes', 'No'], (partner) =>
      share(
        rows.filter((row) => row.Partner === partner),
        (row) => row.Dependents === 'Yes',
      ),
    ),
    tenureByContract: Object.fromEntries(
      contracts.map((contract) => [
        contract,
        {
          zeroShare: share(byContract(contract), (row) => row.tenure === '0'),
          quantiles: Array.from({ length: tenureQuantileCount }, (_, index) => quantile(positiveTenures(contract), index / (tenureQuantileCount - 1))),
        },
      ]),
    ) as TelcoParameters['tenureByContract'],
    tenureQuantileExponent: 1,
    internetServiceSharesByContract: Object.fromEntries(
      contracts.map((contract) => [contract, record(internetServices, (internet) => share(byContract(contract), (row) => row.InternetService === internet))]),
    ) as Record<Contract, Record<InternetService, number>>,
    phoneServiceShareByInternetService: record(internetServices, (internet) =>
      share(
        rows.filter((row) => row.InternetService === internet),
        (row) => row.PhoneService === 'Yes',
      ),
    ),
    multipleLinesShareByInternetService: record(internetServices, (internet) =>
      share(
        rows.filter((row) => row.InternetService === internet && row.PhoneService === 'Yes'),
        (row) => row.MultipleLines === 'Yes',
      ),
    ),
    addOnShares,
    paperlessBillingShareByContract: Object.fromEntries(
      contracts.map((contract) => [
        contract,
        record(internetServices, (internet) =>
          share(
            byContract(contract).filter((row) => row.InternetService === internet),
            (row) => row.PaperlessBilling === 'Yes',
          ),
        ),
      ]),
    ) as Record<Contract, Record<InternetService, number>>,
    paymentMethodSharesByContract: Object.fromEntries(
      contracts.map((contract) => [contract, record(paymentMethods, (method) => share(byContract(contract), (row) => row.PaymentMethod === method))]),
    ) as Record<Contract, Record<string, number>>,
    monthlyCharges: fitMonthlyCharges(rows),
    totalCharges: fitTotalCharges(rows),
    churn: fitChurn(rows),
  };
}

/** numpy's default (linear) quantile of sorted values. */
function quantile(sorted: number[], probability: number): number {
  const position = probability * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** Least squares of MonthlyCharges on the service indicators: the real prices are nearly a list price. */
function fitMonthlyCharges(rows: Row[]): TelcoParameters['monthlyCharges'] {
  const names = ['intercept', 'phoneService', 'multipleLines', 'DSL', 'Fiber optic', ...addOnServices] as const;
  const design = rows.map((row) => [
    1,
    row.PhoneService === 'Yes' ? 1 : 0,
    row.MultipleLines === 'Yes' ? 1 : 0,
    row.InternetService === 'DSL' ? 1 : 0,
    row.InternetService === 'Fiber optic' ? 1 : 0,
    ...addOnServices.map((addOn) => (row[addOn] === 'Yes' ? 1 : 0)),
  ]);
  const target = rows.map((row) => Number(row.MonthlyCharges));
  const gram = names.map((_, left) => names.map((__, right) => design.reduce((sum, features) => sum + features[left]! * features[right]!, 0)));
  const moment = names.map((_, column) => design.reduce((sum, features, index) => sum + features[column]! * target[index]!, 0));
  const beta = solve(gram, moment);
  const residuals = design.map((features, index) => target[index]! - features.reduce((sum, value, column) => sum + value * beta[column]!, 0));
  const residualVariance = residuals.reduce((sum, value) => sum + value * value, 0) / (rows.length - names.length);
  return {
    intercept: beta[0]!,
    phoneService: beta[1]!,
    multipleLines: beta[2]!,
    internetService: { DSL: beta[3]!, 'Fiber optic': beta[4]!, No: 0 },
    addOns: Object.fromEntries(addOnServices.map((addOn, index) => [addOn, beta[5 + index]!])) as Record<AddOnService, number>,
    noiseStandardDeviation: Math.sqrt(residualVariance),
    minimum: Math.min(...target),
    maximum: Math.max(...target),
    priceFactor: 1,
  };
}

/**
 * The log ratio of TotalCharges to tenure × MonthlyCharges is 0 at tenure 1 and its spread
 * shrinks like 1/√tenure (past bills average out), so fit its mean and √tenure-scaled spread.
 */
function fitTotalCharges(rows: Row[]): TelcoParameters['totalCharges'] {
  const scaled = rows
    .filter((row) => Number(row.tenure) >= 2 && row.TotalCharges!.trim() !== '')
    .map((row) => {
      const tenure = Number(row.tenure);
      return { tenure, logRatio: Math.log(Number(row.TotalCharges) / (tenure * Number(row.MonthlyCharges))) };
    });
  const logRatioMean = scaled.reduce((sum, item) => sum + item.logRatio, 0) / scaled.length;
  const variance = scaled.reduce((sum, item) => sum + (item.logRatio - logRatioMean) ** 2 * item.tenure, 0) / (scaled.length - 1);
  return { logRatioMean, logRatioScale: Math.sqrt(variance) };
}

/** The churn drivers, in the order of the design matrix. */
const churnFeatures = [
  ['intercept', () => 1],
  ['One year', (row: Row) => (row.Contract === 'One year' ? 1 : 0)],
  ['Two year', (row: Row) => (row.Contract === 'Two year' ? 1 : 0)],
  ['tenureMonths', (row: Row) => Number(row.tenure)],
  ['logOnePlusTenureMonths', (row: Row) => Math.log1p(Number(row.tenure))],
  ['Fiber optic', (row: Row) => (row.InternetService === 'Fiber optic' ? 1 : 0)],
  ['No internet', (row: Row) => (row.InternetService === 'No' ? 1 : 0)],
  ['Electronic check', (row: Row) => (row.PaymentMethod === 'Electronic check' ? 1 : 0)],
  ['monthlyChargesDollars', (row: Row) => Number(row.MonthlyCharges)],
  ['seniorCitizen', (row: Row) => Number(row.SeniorCitizen)],
  ['techSupport', (row: Row) => (row.TechSupport === 'Yes' ? 1 : 0)],
  ['onlineSecurity', (row: Row) => (row.OnlineSecurity === 'Yes' ? 1 : 0)],
  ['paperlessBilling', (row: Row) => (row.PaperlessBilling === 'Yes' ? 1 : 0)],
] as const;

/** Unpenalized logistic regression by iteratively reweighted least squares (Newton's method). */
function fitChurn(rows: Row[]): ChurnCoefficients {
  const design = rows.map((row) => churnFeatures.map(([, value]) => value(row)));
  const labels = rows.map((row) => (row.Churn === 'Yes' ? 1 : 0));
  const width = churnFeatures.length;
  let beta = new Array<number>(width).fill(0);
  for (let iteration = 0; iteration < 100; iteration++) {
    const hessian = Array.from({ length: width }, () => new Array<number>(width).fill(0));
    const gradient = new Array<number>(width).fill(0);
    design.forEach((features, index) => {
      const logOdds = features.reduce((sum, value, column) => sum + value * beta[column]!, 0);
      const probability = 1 / (1 + Math.exp(-logOdds));
      const weight = probability * (1 - probability);
      for (let left = 0; left < width; left++) {
        gradient[left]! += (labels[index]! - probability) * features[left]!;
        for (let right = 0; right < width; right++) hessian[left]![right]! += weight * features[left]! * features[right]!;
      }
    });
    const step = solve(hessian, gradient);
    beta = beta.map((value, column) => value + step[column]!);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  const coefficient = (name: (typeof churnFeatures)[number][0]) => beta[churnFeatures.findIndex(([feature]) => feature === name)]!;
  return {
    intercept: coefficient('intercept'),
    contract: { 'Month-to-month': 0, 'One year': coefficient('One year'), 'Two year': coefficient('Two year') },
    tenureMonths: coefficient('tenureMonths'),
    logOnePlusTenureMonths: coefficient('logOnePlusTenureMonths'),
    internetService: { DSL: 0, 'Fiber optic': coefficient('Fiber optic'), No: coefficient('No internet') },
    paymentMethod: {
      'Electronic check': coefficient('Electronic check'),
      'Mailed check': 0,
      'Bank transfer (automatic)': 0,
      'Credit card (automatic)': 0,
    },
    monthlyChargesDollars: coefficient('monthlyChargesDollars'),
    seniorCitizen: coefficient('seniorCitizen'),
    techSupport: coefficient('techSupport'),
    onlineSecurity: coefficient('onlineSecurity'),
    paperlessBilling: coefficient('paperlessBilling'),
  };
}

/** Gaussian elimination with partial pivoting; the systems here are at most 13 × 13. */
function solve(matrix: number[][], vector: number[]): number[] {
  const size = vector.length;
  const augmented = matrix.map((row, index) => [...row, vector[index]!]);
  for (let column = 0; column < size; column++) {
    let pivot = column;
    for (let row = column + 1; row < size; row++) if (Math.abs(augmented[row]![column]!) > Math.abs(augmented[pivot]![column]!)) pivot = row;
    [augmented[column], augmented[pivot]] = [augmented[pivot]!, augmented[column]!];
    for (let row = column + 1; row < size; row++) {
      const factor = augmented[row]![column]! / augmented[column]![column]!;
      for (let entry = column; entry <= size; entry++) augmented[row]![entry]! -= factor * augmented[column]![entry]!;
    }
  }
  const solution = new Array<number>(size).fill(0);
  for (let row = size - 1; row >= 0; row--) {
    let sum = augmented[row]![size]!;
    for (let column = row + 1; column < size; column++) sum -= augmented[row]![column]! * solution[column]!;
    solution[row] = sum / augmented[row]![row]!;
  }
  return solution;
}

/** Six significant digits keep the file readable and its diffs small. */
function roundNumbers(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(6));
  if (Array.isArray(value)) return value.map(roundNumbers);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, roundNumbers(item)]));
  return value;
}

main();
