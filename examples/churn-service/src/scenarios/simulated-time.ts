/**
 * Where simulated clocks start by default: Monday 1 January 2024, 00:00 UTC. Scenarios and the
 * traffic simulator measure time in epoch milliseconds, like `Clock.now()` in `@driftwatch/core`,
 * so simulated events can be stored and windowed like real ones.
 *
 * @example
 * ```ts
 * const onsetMillis = simulationStartMillis + 14 * dayMillis;
 * ```
 */
export const simulationStartMillis = Date.UTC(2024, 0, 1);

/**
 * One hour in milliseconds.
 *
 * @example
 * ```ts
 * const requestsPerHour = 60; // one request every hourMillis / 60 on average
 * ```
 */
export const hourMillis = 3_600_000;

/**
 * One day in milliseconds.
 *
 * @example
 * ```ts
 * const endMillis = simulationStartMillis + 28 * dayMillis;
 * ```
 */
export const dayMillis = 24 * hourMillis;

/**
 * The default onset of the drift scenarios: two weeks after {@link simulationStartMillis}, so a
 * one-week baseline and a week of stable traffic come first.
 *
 * @example
 * ```ts
 * const scenario = createSuddenDriftScenario({ onsetMillis: defaultOnsetMillis + dayMillis });
 * ```
 */
export const defaultOnsetMillis = simulationStartMillis + 14 * dayMillis;
