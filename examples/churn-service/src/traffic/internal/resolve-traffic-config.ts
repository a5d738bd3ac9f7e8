import { DriftwatchError } from '@driftwatch/drift';
import { dayMillis, simulationStartMillis } from '../../scenarios/simulated-time.js';
import type { SimulateTrafficConfig } from '../simulate-traffic.js';

/** {@link SimulateTrafficConfig} with every default applied. */
export type ResolvedTrafficConfig = Readonly<Required<SimulateTrafficConfig>>;

/** Applies the documented defaults of the traffic simulation once, and checks the values a caller can get wrong. */
export function resolveTrafficConfig(config: SimulateTrafficConfig): ResolvedTrafficConfig {
  const resolved: ResolvedTrafficConfig = Object.freeze({
    scenario: config.scenario,
    startMillis: config.startMillis ?? simulationStartMillis,
    endMillis: config.endMillis,
    requestsPerHour: config.requestsPerHour ?? 60,
    seed: config.seed ?? 1,
    outcomeShare: config.outcomeShare ?? 0.8,
    minimumOutcomeDelayMillis: config.minimumOutcomeDelayMillis ?? dayMillis,
    maximumOutcomeDelayMillis: config.maximumOutcomeDelayMillis ?? 7 * dayMillis,
    includeLateOutcomes: config.includeLateOutcomes ?? false,
  });
  const { startMillis, endMillis, requestsPerHour, outcomeShare, minimumOutcomeDelayMillis, maximumOutcomeDelayMillis } = resolved;
  check(endMillis > startMillis, `endMillis (${endMillis}) must be after startMillis (${startMillis}).`);
  check(requestsPerHour > 0 && Number.isFinite(requestsPerHour), `requestsPerHour must be a positive number, got ${requestsPerHour}.`);
  check(outcomeShare >= 0 && outcomeShare <= 1, `outcomeShare must lie in [0, 1], got ${outcomeShare}.`);
  check(
    minimumOutcomeDelayMillis >= 0 && maximumOutcomeDelayMillis >= minimumOutcomeDelayMillis,
    `Outcome delays need 0 ≤ minimum ≤ maximum, got ${minimumOutcomeDelayMillis} and ${maximumOutcomeDelayMillis}.`,
  );
  return resolved;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message });
}
