import { createHash } from 'node:crypto';

/**
 * The SHA-256 digest of a string (UTF-8) or bytes, as 64 lowercase hex digits.
 *
 * @example
 * ```ts
 * import { sha256Hex } from './sha256-hex.js';
 * sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
