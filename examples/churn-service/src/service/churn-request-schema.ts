import { z } from 'zod';

const category = z.string().min(1).max(100);

/**
 * The body of `POST /predict`: one customer row as the Telco CSV has it (the 19 features, plus
 * `customerID` as the routing key). Categories are free strings on purpose: an unseen category
 * (a new payment method) must reach the model and the monitor's data-quality check, not be
 * refused. A blank `TotalCharges` (the CSV's `' '` for first-month customers) becomes `null`.
 *
 * @example
 * ```ts
 * const result = churnRequestSchema.safeParse(await request.json());
 * if (result.success) console.log(result.data.Contract);
 * ```
 */
export const churnRequestSchema = z.object({
  customerID: z.string().max(100).optional(),
  gender: category,
  SeniorCitizen: z.union([z.literal(0), z.literal(1)]),
  Partner: category,
  Dependents: category,
  tenure: z.number().int().min(0).max(1200),
  PhoneService: category,
  MultipleLines: category,
  InternetService: category,
  OnlineSecurity: category,
  OnlineBackup: category,
  DeviceProtection: category,
  TechSupport: category,
  StreamingTV: category,
  StreamingMovies: category,
  Contract: category,
  PaperlessBilling: category,
  PaymentMethod: category,
  MonthlyCharges: z.number().min(0).max(100_000),
  TotalCharges: z.union([z.number().min(0), z.null(), z.string().regex(/^\s*$/).transform(() => null)]),
});

/**
 * A validated prediction request.
 *
 * @example
 * ```ts
 * const unitKey = (request: ChurnRequest) => request.customerID;
 * ```
 */
export type ChurnRequest = z.output<typeof churnRequestSchema>;

/**
 * What the model scores and the monitor profiles: a request without its `customerID`.
 *
 * @example
 * ```ts
 * const features: ChurnFeatures = toChurnFeatures(customer);
 * ```
 */
export type ChurnFeatures = Omit<ChurnRequest, 'customerID'>;
