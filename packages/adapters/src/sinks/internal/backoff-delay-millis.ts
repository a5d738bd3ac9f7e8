/** Inputs of {@link backoffDelayMillis}. */
export interface BackoffDelayOptions {
  /** 1 for the wait after the first failed attempt, 2 after the second… */
  retryNumber: number;
  initialBackoffMillis: number;
  maxBackoffMillis: number;
  /** Uniform in [0, 1), like `Math.random`. */
  random: () => number;
}

/**
 * Exponential backoff with "full jitter": a uniform wait between 0 and
 * `min(maxBackoffMillis, initialBackoffMillis × 2^(retryNumber − 1))`. Full jitter spreads the
 * retries of many monitors that failed together, so a recovering receiver is not hit in lockstep.
 */
export function backoffDelayMillis(options: BackoffDelayOptions): number {
  const ceiling = Math.min(options.maxBackoffMillis, options.initialBackoffMillis * 2 ** (options.retryNumber - 1));
  // Clamp the draw: an injected `random` outside [0, 1) must not produce a negative or oversized wait.
  const draw = Math.min(Math.max(options.random(), 0), 1);
  return Math.floor(draw * ceiling);
}
