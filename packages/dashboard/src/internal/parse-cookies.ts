/**
 * Parses a `Cookie` header into name → value (the first of duplicate names wins). Values that
 * are not valid percent-encoding are kept as they are.
 *
 * @example
 * ```ts
 * import { parseCookies } from './parse-cookies.js';
 * parseCookies('a=1; driftwatch_dashboard=abc').driftwatch_dashboard; // 'abc'
 * ```
 */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = Object.create(null);
  if (header === undefined) return cookies;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator <= 0) continue;
    const name = part.slice(0, separator).trim();
    if (name in cookies) continue;
    let value = part.slice(separator + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}
