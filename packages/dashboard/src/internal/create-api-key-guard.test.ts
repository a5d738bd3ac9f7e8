import { describe, expect, it } from 'vitest';
import { createApiKeyGuard } from './create-api-key-guard.js';

describe('createApiKeyGuard', () => {
  it('is off without keys and lets nothing match', () => {
    const guard = createApiKeyGuard([]);
    expect(guard.enabled).toBe(false);
    expect(guard.verifyKey('anything')).toBe(false);
    expect(guard.verifySessionToken('anything')).toBe(false);
  });

  it('accepts each configured key exactly, and nothing else', () => {
    const guard = createApiKeyGuard(['alpha-key', 'beta-key']);
    expect(guard.enabled).toBe(true);
    expect(guard.verifyKey('alpha-key')).toBe(true);
    expect(guard.verifyKey('beta-key')).toBe(true);
    for (const candidate of ['alpha-ke', 'alpha-key ', 'ALPHA-KEY', '', undefined, 'x'.repeat(5000)]) {
      expect(guard.verifyKey(candidate), String(candidate)).toBe(false);
    }
  });

  it('derives session tokens that verify, differ per key, do not contain the key, and are not keys themselves', () => {
    const guard = createApiKeyGuard(['alpha-key', 'beta-key']);
    const alpha = guard.sessionTokenOf('alpha-key');
    const beta = guard.sessionTokenOf('beta-key');
    expect(alpha).not.toBe(beta);
    expect(alpha).not.toContain('alpha');
    expect(guard.verifySessionToken(alpha)).toBe(true);
    expect(guard.verifySessionToken(beta)).toBe(true);
    expect(guard.verifyKey(alpha)).toBe(false);
    expect(guard.verifySessionToken('alpha-key')).toBe(false);
    // The same on every replica: another process derives the same token.
    expect(createApiKeyGuard(['alpha-key']).verifySessionToken(alpha)).toBe(true);
    // Void once its key is removed.
    expect(createApiKeyGuard(['beta-key']).verifySessionToken(alpha)).toBe(false);
  });
});
