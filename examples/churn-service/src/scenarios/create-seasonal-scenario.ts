import { fittedTelcoParameters } from '../data/fitted-telco-parameters.js';
import type { TelcoParameters } from '../data/telco-parameters.js';
import type { DriftScenario } from './drift-scenario.js';
import { defineScenario } from './internal/define-scenario.js';
import { dayMillis, hourMillis } from './simulated-time.js';

/** Options for {@link createSeasonalScenario}. */
export interface SeasonalScenarioConfig {
  /**
   * The UTC hour of peak volume (and of the most senior callers).
   * @default 15
   */
  peakHourUtc?: number;
  /**
   * Amplitude of the daily volume cycle: the rate swings between 1 − a and 1 + a.
   * @default 0.6
   */
  dailyVolumeAmplitude?: number;
  /**
   * Volume on Saturdays and Sundays relative to weekdays.
   * @default 0.7
   */
  weekendVolumeFactor?: number;
  /**
   * Amplitude of the daily cycle of the senior-citizen share: it swings between (1 − a) and (1 + a) times its fitted value.
   * @default 0.8
   */
  dailySeniorAmplitude?: number;
  /**
   * Share of contracts that move to month-to-month on weekends (people shop around then).
   * @default 0.15
   */
  weekendMonthToMonthShift?: number;
  /**
   * The parameters around which the cycles swing.
   * @default fittedTelcoParameters
   */
  parameters?: TelcoParameters;
}

/**
 * The `seasonal` scenario: daily and weekly cycles with no drift. Volume peaks mid-afternoon
 * and drops at night and on weekends; daytime traffic has more senior citizens and weekend
 * traffic more month-to-month contracts. A window of a few hours differs from the next, but
 * every full week looks like every other, so a monitor whose baseline covers at least one full
 * week, compared with windows of whole weeks (or with same-hour windows), flags nothing.
 * A baseline of night traffic alone would flag every afternoon.
 *
 * @example
 * ```ts
 * const scenario = createSeasonalScenario({ weekendVolumeFactor: 0.5 });
 * scenario.requestRateFactor(Date.UTC(2024, 0, 1, 15)); // 1.6: a Monday at the peak hour
 * ```
 */
export function createSeasonalScenario(config: SeasonalScenarioConfig = {}): DriftScenario {
  const peakHourUtc = config.peakHourUtc ?? 15;
  const dailyVolumeAmplitude = config.dailyVolumeAmplitude ?? 0.6;
  const weekendVolumeFactor = config.weekendVolumeFactor ?? 0.7;
  const dailySeniorAmplitude = config.dailySeniorAmplitude ?? 0.8;
  const weekendMonthToMonthShift = config.weekendMonthToMonthShift ?? 0.15;
  const parameters = config.parameters ?? fittedTelcoParameters;
  const dailyCycle = (timeMillis: number) => Math.cos((2 * Math.PI * (timeMillis - peakHourUtc * hourMillis)) / dayMillis);
  const isWeekend = (timeMillis: number) => {
    const day = new Date(timeMillis).getUTCDay();
    return day === 0 || day === 6;
  };
  const shares = parameters.contractShares;
  const weekendContractShares = {
    'Month-to-month': shares['Month-to-month'] + weekendMonthToMonthShift * (shares['One year'] + shares['Two year']),
    'One year': shares['One year'] * (1 - weekendMonthToMonthShift),
    'Two year': shares['Two year'] * (1 - weekendMonthToMonthShift),
  };
  return defineScenario({
    name: 'seasonal',
    description:
      'Daily and weekly cycles, not drift: volume peaks mid-afternoon and drops at night and on weekends; days bring more senior citizens, weekends more month-to-month contracts.',
    onsetMillis: undefined,
    maximumRequestRateFactor: 1 + dailyVolumeAmplitude,
    requestRateFactor: (timeMillis) => (1 + dailyVolumeAmplitude * dailyCycle(timeMillis)) * (isWeekend(timeMillis) ? weekendVolumeFactor : 1),
    parametersAt(timeMillis) {
      const seniorFactor = 1 + dailySeniorAmplitude * dailyCycle(timeMillis);
      const senior = parameters.seniorCitizenShareByContract;
      return {
        ...parameters,
        contractShares: isWeekend(timeMillis) ? weekendContractShares : shares,
        seniorCitizenShareByContract: {
          'Month-to-month': Math.min(1, senior['Month-to-month'] * seniorFactor),
          'One year': Math.min(1, senior['One year'] * seniorFactor),
          'Two year': Math.min(1, senior['Two year'] * seniorFactor),
        },
      };
    },
  });
}
