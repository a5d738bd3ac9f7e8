import { DriftwatchError } from '@driftwatch/core';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Where API keys come from. Keys are secrets, so they are read from the environment only,
 * never from code: a comma-separated list, so that a new key can be added before the old one
 * is retired (`DRIFTWATCH_API_KEYS=new-key,old-key`).
 *
 * @example
 * ```ts
 * import type { ApiKeyOptions } from '@driftwatch/express-middleware';
 * const options: ApiKeyOptions = { environmentVariable: 'CHURN_API_KEYS', headers: ['x-api-key'] };
 * ```
 */
export interface ApiKeyOptions {
  /** The environment variable holding the comma-separated keys. @default 'DRIFTWATCH_API_KEYS' */
  environmentVariable?: string;
  /** The environment to read it from (tests pass their own). @default process.env */
  environment?: Readonly<Record<string, string | undefined>>;
  /** Where a key is accepted: `Authorization: Bearer <key>` and/or `X-API-Key: <key>`. @default ['authorization', 'x-api-key'] */
  headers?: ReadonlyArray<'authorization' | 'x-api-key'>;
}

/**
 * Checks the API key of a request.
 *
 * @example
 * ```ts
 * import { createApiKeyVerifier } from '@driftwatch/express-middleware';
 * const verifier = createApiKeyVerifier({ environment: { DRIFTWATCH_API_KEYS: 'k1,k2' } });
 * verifier.verify({ authorization: 'Bearer k2' }); // true
 * ```
 */
export interface ApiKeyVerifier {
  /** How many keys are accepted. */
  readonly keyCount: number;
  /** True when one of the accepted headers carries one of the keys. */
  verify(headers: Readonly<Record<string, string | string[] | undefined>>): boolean;
}

const defaultEnvironmentVariable = 'DRIFTWATCH_API_KEYS';
const defaultHeaders: ReadonlyArray<'authorization' | 'x-api-key'> = Object.freeze(['authorization', 'x-api-key']);
/** A presented credential longer than this is refused without hashing it. */
const maxCredentialLength = 4096;

/**
 * Creates an {@link ApiKeyVerifier} from the keys in the environment. Throws
 * `VALIDATION_FAILED` when the variable is unset or holds no key: a guard that was asked for
 * never silently lets everyone in.
 *
 * Comparison takes the same time whichever key matches, and whether any does: every presented
 * credential and every key is reduced to a 32-byte HMAC under a random per-process secret
 * (so lengths do not leak), then compared with `crypto.timingSafeEqual` against every key,
 * without stopping at the first match.
 *
 * @example
 * ```ts
 * import { createApiKeyVerifier } from '@driftwatch/express-middleware';
 * // DRIFTWATCH_API_KEYS=key-2025-06,key-2025-01
 * const verifier = createApiKeyVerifier();
 * verifier.verify({ 'x-api-key': 'key-2025-01' });
 * ```
 */
export function createApiKeyVerifier(options: ApiKeyOptions = {}): ApiKeyVerifier {
  const environmentVariable = options.environmentVariable ?? defaultEnvironmentVariable;
  const environment = options.environment ?? process.env;
  const headers = Object.freeze([...(options.headers ?? defaultHeaders)]);
  if (headers.length === 0) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'apiKeys.headers must name at least one header.' });
  }
  const keys = (environment[environmentVariable] ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  if (keys.length === 0) {
    throw new DriftwatchError({
      code: 'VALIDATION_FAILED',
      message: `API keys are required but ${environmentVariable} holds none; set it to a comma-separated list of keys.`,
      details: { environmentVariable },
    });
  }
  const secret = randomBytes(32);
  const digest = (value: string): Buffer => createHmac('sha256', secret).update(value).digest();
  const keyDigests = keys.map(digest);
  const acceptsBearer = headers.includes('authorization');
  const acceptsHeader = headers.includes('x-api-key');

  function verify(requestHeaders: Readonly<Record<string, string | string[] | undefined>>): boolean {
    const candidates: string[] = [];
    if (acceptsBearer) {
      const authorization = requestHeaders.authorization;
      if (typeof authorization === 'string' && authorization.length > 7 && /^bearer /i.test(authorization)) {
        candidates.push(authorization.slice(7).trim());
      }
    }
    if (acceptsHeader) {
      const header = requestHeaders['x-api-key'];
      if (typeof header === 'string') candidates.push(header.trim());
    }
    let matched = 0;
    for (const candidate of candidates) {
      if (candidate === '' || candidate.length > maxCredentialLength) continue;
      const presented = digest(candidate);
      // No early exit: every key is compared, so timing says nothing about which one matched.
      for (const keyDigest of keyDigests) matched |= timingSafeEqual(presented, keyDigest) ? 1 : 0;
    }
    return matched === 1;
  }

  return Object.freeze({ keyCount: keys.length, verify });
}
