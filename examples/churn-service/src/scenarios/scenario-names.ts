/**
 * The drift scenarios of the churn example, each with a factory in this folder:
 *
 * - `none`: stable traffic, the control;
 * - `gradual`: prices and the tenure mix move over a 30-day ramp;
 * - `sudden`: a price hike and a competitor offer at one moment;
 * - `concept`: who churns changes while the features do not;
 * - `seasonal`: daily and weekly cycles in volume and mix, not drift;
 * - `new-category`: `PaymentMethod` 'Digital wallet' appears;
 * - `class-balance`: the churn prior shifts.
 *
 * @example
 * ```ts
 * for (const name of scenarioNames) console.log(createDriftScenario({ name }).description);
 * ```
 */
export const scenarioNames = ['none', 'gradual', 'sudden', 'concept', 'seasonal', 'new-category', 'class-balance'] as const;

/**
 * One of {@link scenarioNames}.
 *
 * @example
 * ```ts
 * const name: ScenarioName = 'sudden';
 * ```
 */
export type ScenarioName = (typeof scenarioNames)[number];
