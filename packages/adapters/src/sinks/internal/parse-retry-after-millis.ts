/**
 * Reads an HTTP `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 * Returns `undefined` when the header is absent or unreadable, so the caller falls back to its
 * own backoff. A date in the past means "now" (0).
 */
export function parseRetryAfterMillis(header: string | null | undefined, nowMillis: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // V8's Date.parse reads strings like "1.5" as dates; an HTTP-date always names a month and day.
  if (!/[a-z]/i.test(value)) return undefined;
  const dateMillis = Date.parse(value);
  if (Number.isNaN(dateMillis)) return undefined;
  return Math.max(0, dateMillis - nowMillis);
}
