import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Checks presented keys and session cookies against the configured API keys. */
export interface ApiKeyGuard {
  /** False when no key is configured: everyone is let in. */
  readonly enabled: boolean;
  /** True when `candidate` is one of the keys. */
  verifyKey(candidate: string | undefined): boolean;
  /** The cookie value a browser keeps after signing in with `key` (derived from it, never the key itself). */
  sessionTokenOf(key: string): string;
  /** True when `candidate` is the session token of one of the keys. */
  verifySessionToken(candidate: string | undefined): boolean;
}

/** A credential longer than this is refused without hashing it. */
const maxCredentialLength = 4096;
const sessionLabel = 'driftwatch-dashboard-session-v1';

/**
 * Creates the dashboard's API key guard. Comparison takes the same time whichever key matches
 * and whether any does: each presented value and each key is reduced to a 32-byte HMAC under a
 * random per-process secret (so lengths do not leak), then compared with
 * `crypto.timingSafeEqual` against every key without stopping at the first match.
 *
 * A session token is `HMAC-SHA256(key, label)`: the same on every replica, useless for
 * anything but this dashboard, and void as soon as its key is removed from the config.
 *
 * @example
 * ```ts
 * import { createApiKeyGuard } from './create-api-key-guard.js';
 * const guard = createApiKeyGuard(['k1', 'k2']);
 * guard.verifyKey('k2'); // true
 * guard.verifySessionToken(guard.sessionTokenOf('k1')); // true
 * ```
 */
export function createApiKeyGuard(keys: readonly string[]): ApiKeyGuard {
  const secret = randomBytes(32);
  const digest = (value: string): Buffer => createHmac('sha256', secret).update(value).digest();
  const sessionTokenOf = (key: string): string => createHmac('sha256', key).update(sessionLabel).digest('base64url');
  const keyDigests = keys.map(digest);
  const tokenDigests = keys.map((key) => digest(sessionTokenOf(key)));

  function matchesAny(candidate: string | undefined, digests: readonly Buffer[]): boolean {
    if (candidate === undefined || candidate === '' || candidate.length > maxCredentialLength) return false;
    const presented = digest(candidate);
    let matched = 0;
    // No early exit: every digest is compared, so timing says nothing about which one matched.
    for (const expected of digests) matched |= timingSafeEqual(presented, expected) ? 1 : 0;
    return matched === 1;
  }

  return Object.freeze({
    enabled: keys.length > 0,
    verifyKey: (candidate: string | undefined) => matchesAny(candidate, keyDigests),
    sessionTokenOf,
    verifySessionToken: (candidate: string | undefined) => matchesAny(candidate, tokenDigests),
  });
}
