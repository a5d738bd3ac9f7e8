import { describe, expect, it } from 'vitest';
import { createApiKeyVerifier } from './create-api-key-verifier.js';

describe('createApiKeyVerifier', () => {
  const environment = { DRIFTWATCH_API_KEYS: ' current-key , previous-key ,,' };

  it('accepts every configured key, in either header, and nothing else', () => {
    const verifier = createApiKeyVerifier({ environment });
    expect(verifier.keyCount).toBe(2);
    expect(verifier.verify({ authorization: 'Bearer current-key' })).toBe(true);
    expect(verifier.verify({ authorization: 'bearer previous-key' })).toBe(true);
    expect(verifier.verify({ 'x-api-key': 'previous-key' })).toBe(true);
    expect(verifier.verify({})).toBe(false);
    expect(verifier.verify({ authorization: 'Bearer current-ke' })).toBe(false);
    expect(verifier.verify({ authorization: 'Bearer current-key-and-more' })).toBe(false);
    expect(verifier.verify({ authorization: 'Basic current-key' })).toBe(false);
    expect(verifier.verify({ authorization: 'Bearer ' })).toBe(false);
    expect(verifier.verify({ 'x-api-key': ['current-key', 'current-key'] })).toBe(false);
    expect(verifier.verify({ 'x-api-key': 'x'.repeat(10_000) })).toBe(false);
  });

  it('honours the header choice and the variable name', () => {
    const headerOnly = createApiKeyVerifier({ environment: { CHURN_KEYS: 'k1' }, environmentVariable: 'CHURN_KEYS', headers: ['x-api-key'] });
    expect(headerOnly.verify({ 'x-api-key': 'k1' })).toBe(true);
    expect(headerOnly.verify({ authorization: 'Bearer k1' })).toBe(false);
  });

  it('refuses to start without keys, naming the variable and never a key', () => {
    expect(() => createApiKeyVerifier({ environment: {} })).toThrow(/DRIFTWATCH_API_KEYS holds none/);
    expect(() => createApiKeyVerifier({ environment: { DRIFTWATCH_API_KEYS: ' , ' } })).toThrow(/holds none/);
    expect(() => createApiKeyVerifier({ environment, headers: [] })).toThrow(/at least one header/);
  });
});
