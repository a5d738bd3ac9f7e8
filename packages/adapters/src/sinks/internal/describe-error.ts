/**
 * A one-line description of anything thrown, without the stack. Follows one level of `cause`,
 * because `fetch` reports every network failure as "fetch failed" and keeps the reason there.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error && cause.message !== '' && cause.message !== error.message) {
    return `${error.message} (${cause.message})`;
  }
  return error.message;
}
