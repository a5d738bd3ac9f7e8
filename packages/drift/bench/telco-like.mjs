// Seeded Telco-like columns for benchmarks: 5 numeric and 3 categorical, as the shape.
import { seededUniform as mulberry32 } from '../../../scripts/bench/harness.mjs';
export { mulberry32 };

function normal(random) {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const contracts = ['Month-to-month', 'One year', 'Two year'];
const payments = ['Electronic check', 'Mailed check', 'Bank transfer (automatic)', 'Credit card (automatic)'];
const internet = ['DSL', 'Fiber optic', 'No'];

/** `shift` moves charges up and contracts towards month-to-month. */
export function telcoLikeColumns(rows, seed, shift = 0) {
  const random = mulberry32(seed);
  const tenure = new Float64Array(rows);
  const monthlyCharges = new Float64Array(rows);
  const totalCharges = new Float64Array(rows);
  const seniorCitizen = new Float64Array(rows);
  const supportCalls = new Float64Array(rows);
  const contract = new Array(rows);
  const paymentMethod = new Array(rows);
  const internetService = new Array(rows);
  for (let index = 0; index < rows; index++) {
    tenure[index] = Math.floor(random() * 73);
    monthlyCharges[index] = Math.round((18 + random() * 100) * (1 + shift * 0.15) * 100) / 100;
    totalCharges[index] = tenure[index] === 0 ? Number.NaN : tenure[index] * monthlyCharges[index];
    seniorCitizen[index] = random() < 0.16 ? 1 : 0;
    supportCalls[index] = Math.max(0, Math.round(2 + normal(random) * 1.5));
    const draw = random() - shift * 0.2;
    contract[index] = contracts[draw < 0.55 ? 0 : draw < 0.76 ? 1 : 2];
    paymentMethod[index] = payments[Math.floor(random() * payments.length)];
    internetService[index] = internet[Math.floor(random() * internet.length)];
  }
  return { tenure, monthlyCharges, totalCharges, seniorCitizen, supportCalls, contract, paymentMethod, internetService };
}
