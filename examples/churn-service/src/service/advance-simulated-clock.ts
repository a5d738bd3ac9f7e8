import type { ApiKeyVerifier } from '@driftwatch/express-middleware';
import type { NextFunction, Request, Response } from 'express';
import type { SimulatedClock } from './simulated-clock.js';

/** The request header that carries a replayed request's simulated time (ISO 8601). */
export const simulatedTimeHeader = 'x-simulated-time';

/**
 * Express middleware that moves the service's simulated clock to the `X-Simulated-Time` of each
 * authenticated request (never backwards), before the request is logged, so that predictions,
 * outcomes, check windows and the A/B test's hold time all follow the replayed traffic. A request
 * without a valid API key cannot move the clock.
 *
 * @example
 * ```ts
 * app.use(['/predict', '/outcomes'], advanceSimulatedClock(clock, createApiKeyVerifier({ environment })));
 * ```
 */
export function advanceSimulatedClock(clock: SimulatedClock, verifier: ApiKeyVerifier) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    const header = request.headers[simulatedTimeHeader];
    if (typeof header === 'string' && verifier.verify(request.headers)) {
      const millis = Date.parse(header);
      if (Number.isFinite(millis)) clock.advanceTo(millis);
    }
    next();
  };
}
