import { readFileSync } from 'node:fs';

/**
 * The CLI's version from its package.json. This file stays at the top of src/ because the
 * bundle in dist/ and the source in src/ both sit one level below package.json.
 *
 * @example
 * ```ts
 * import { packageVersion } from './package-version.js';
 * packageVersion(); // '0.1.0'
 * ```
 */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
