import { churnProbability } from './churn-probability.js';
import type { SeededRandom } from './create-seeded-random.js';
import { addOnServices, contracts, internetServices, type Contract, type InternetService, type YesNo } from './telco-categories.js';
import type { LabelledTelcoCustomer, TelcoCustomer } from './telco-customer.js';
import type { TelcoParameters } from './telco-parameters.js';

const customerIdLetters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Draws one customer and its churn outcome from the parameters, following the generative
 * order documented on {@link TelcoParameters}. The number of random draws per customer does not
 * depend on the parameters' values, so a shifted copy of the parameters changes the customers
 * drawn from the same seed no more than the shift itself does.
 *
 * @example
 * ```ts
 * const random = createSeededRandom(3);
 * const customer = sampleTelcoCustomer(random, fittedTelcoParameters);
 * console.log(customer.customerID, customer.Churn);
 * ```
 */
export function sampleTelcoCustomer(random: SeededRandom, parameters: TelcoParameters): LabelledTelcoCustomer {
  const customerID = customerId(random);
  const gender = random.next() < parameters.genderFemaleShare ? 'Female' : 'Male';
  const contract = contracts[random.pick(contracts.map((name) => parameters.contractShares[name]))]!;
  const seniorCitizen = random.next() < parameters.seniorCitizenShareByContract[contract] ? 1 : 0;
  const partner = yesWith(random, parameters.partnerShareByContract[contract]);
  const dependents = yesWith(random, parameters.dependentsShareByPartner[partner]);
  const tenure = drawTenure(random, parameters, contract);

  const internet = internetServices[random.pick(internetServices.map((name) => parameters.internetServiceSharesByContract[contract][name]))]!;
  const phone = yesWith(random, parameters.phoneServiceShareByInternetService[internet]);
  const multipleLinesDraw = yesWith(random, parameters.multipleLinesShareByInternetService[internet]);
  const multipleLines = phone === 'Yes' ? multipleLinesDraw : 'No phone service';
  const addOns = {} as Record<(typeof addOnServices)[number], YesNo | 'No internet service'>;
  for (const addOn of addOnServices) {
    const draw = random.next();
    addOns[addOn] = internet === 'No' ? 'No internet service' : draw < parameters.addOnShares[addOn][internet][contract] ? 'Yes' : 'No';
  }
  const paperless = yesWith(random, parameters.paperlessBillingShareByContract[contract][internet]);
  const paymentShares = parameters.paymentMethodSharesByContract[contract];
  const paymentNames = Object.keys(paymentShares);
  const paymentMethod = paymentNames[random.pick(paymentNames.map((name) => paymentShares[name]!))]!;

  const monthlyCharges = drawMonthlyCharges(random, parameters, internet, phone === 'Yes', multipleLines === 'Yes', addOns);
  const totalCharges = drawTotalCharges(random, parameters, tenure, monthlyCharges);

  const customer: TelcoCustomer = {
    customerID,
    gender,
    SeniorCitizen: seniorCitizen,
    Partner: partner,
    Dependents: dependents,
    tenure,
    PhoneService: phone,
    MultipleLines: multipleLines,
    InternetService: internet,
    ...addOns,
    Contract: contract,
    PaperlessBilling: paperless,
    PaymentMethod: paymentMethod,
    MonthlyCharges: monthlyCharges,
    TotalCharges: totalCharges,
  };
  const churn: YesNo = random.next() < churnProbability(customer, parameters.churn) ? 'Yes' : 'No';
  return { ...customer, Churn: churn };
}

function yesWith(random: SeededRandom, share: number): YesNo {
  return random.next() < share ? 'Yes' : 'No';
}

/** Real IDs look like '7590-VHVEG': four digits, a dash, five capital letters. */
function customerId(random: SeededRandom): string {
  let id = String(Math.floor(random.next() * 10_000)).padStart(4, '0') + '-';
  for (let index = 0; index < 5; index++) id += customerIdLetters[Math.floor(random.next() * customerIdLetters.length)];
  return id;
}

function drawTenure(random: SeededRandom, parameters: TelcoParameters, contract: Contract): number {
  const { zeroShare, quantiles } = parameters.tenureByContract[contract];
  const isNew = random.next() < zeroShare;
  const position = random.next() ** parameters.tenureQuantileExponent * (quantiles.length - 1);
  if (isNew) return 0;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, quantiles.length - 1);
  const value = quantiles[lower]! + (quantiles[upper]! - quantiles[lower]!) * (position - lower);
  return Math.max(1, Math.round(value));
}

function drawMonthlyCharges(
  random: SeededRandom,
  parameters: TelcoParameters,
  internet: InternetService,
  phone: boolean,
  multipleLines: boolean,
  addOns: Record<string, string>,
): number {
  const prices = parameters.monthlyCharges;
  let price = prices.intercept + prices.internetService[internet];
  if (phone) price += prices.phoneService;
  if (multipleLines) price += prices.multipleLines;
  for (const addOn of addOnServices) if (addOns[addOn] === 'Yes') price += prices.addOns[addOn];
  const noisy = price + prices.noiseStandardDeviation * random.normal();
  const clamped = Math.min(Math.max(noisy, prices.minimum), prices.maximum) * prices.priceFactor;
  // Real bills are multiples of 5 cents.
  return Math.round(clamped * 20) / 20;
}

function drawTotalCharges(random: SeededRandom, parameters: TelcoParameters, tenure: number, monthlyCharges: number): number | ' ' {
  const noise = random.normal();
  // The real file leaves TotalCharges blank for customers who have not been billed yet.
  if (tenure === 0) return ' ';
  if (tenure === 1) return monthlyCharges;
  const { logRatioMean, logRatioScale } = parameters.totalCharges;
  const ratio = Math.exp(logRatioMean + (logRatioScale / Math.sqrt(tenure)) * noise);
  return Math.round(tenure * monthlyCharges * ratio * 100) / 100;
}
