/**
 * One record of tabular data: a plain object from column name to cell value, as parsed from
 * CSV or JSON. Numbers, numeric strings, strings and booleans are all accepted.
 *
 * @example
 * ```ts
 * const row: TabularRow = { tenure: 12, Contract: 'Month-to-month', TotalCharges: ' ' };
 * ```
 */
export type TabularRow = Readonly<Record<string, unknown>>;
