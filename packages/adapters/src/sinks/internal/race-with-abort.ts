/** What {@link raceWithAbort} settled with. */
export type RaceOutcome<T> = { aborted: false; value: T } | { aborted: true };

/**
 * Settles with `promise`, or as soon as `signal` aborts, whichever comes first. A rejection of
 * `promise` is passed on. Used wherever we wait on code we do not control (an injected `sleep`,
 * a user's mail transport), so that `shutdown()` stays bounded even if that code ignores the signal.
 */
export function raceWithAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<RaceOutcome<T>> {
  if (signal.aborted) {
    // The losing promise may still reject later; nobody is listening, so keep it quiet.
    promise.catch(() => {});
    return Promise.resolve({ aborted: true });
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      resolve({ aborted: true });
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve({ aborted: false, value });
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
