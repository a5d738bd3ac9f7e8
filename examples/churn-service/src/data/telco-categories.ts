/**
 * The category levels of the IBM Telco Customer Churn data, in a fixed order. The generator,
 * the fit script and the scenarios all index their tables by these names.
 *
 * @example
 * ```ts
 * for (const contract of contracts) console.log(contract); // 'Month-to-month', 'One year', 'Two year'
 * ```
 */
export const contracts = ['Month-to-month', 'One year', 'Two year'] as const;
/** A contract type. */
export type Contract = (typeof contracts)[number];

/** Internet service levels; `'No'` turns every online add-on into `'No internet service'`. */
export const internetServices = ['DSL', 'Fiber optic', 'No'] as const;
/** An internet service level. */
export type InternetService = (typeof internetServices)[number];

/** Internet services that can carry add-ons. */
export const onlineInternetServices = ['DSL', 'Fiber optic'] as const;
/** An internet service that can carry add-ons. */
export type OnlineInternetService = (typeof onlineInternetServices)[number];

/** Payment methods of the real data. Scenarios may add others (such as `'Digital wallet'`). */
export const paymentMethods = ['Electronic check', 'Mailed check', 'Bank transfer (automatic)', 'Credit card (automatic)'] as const;

/** The six online add-ons that exist only with internet service. */
export const addOnServices = ['OnlineSecurity', 'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV', 'StreamingMovies'] as const;
/** An add-on column name. */
export type AddOnService = (typeof addOnServices)[number];

/** The yes/no cells of the data ('Yes'/'No' strings, as in the CSV). */
export type YesNo = 'Yes' | 'No';
