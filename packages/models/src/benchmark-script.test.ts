import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The benchmark imports the built packages; this runs it end to end on a tiny synthetic table,
// untimed, so that it cannot rot between benchmark runs.
const packageDirectory = fileURLToPath(new URL('../', import.meta.url));
const built = existsSync(`${packageDirectory}dist/index.js`) && existsSync(`${packageDirectory}../drift/dist/index.js`);

describe.skipIf(!built)('bench/run.mjs --smoke (skipped until packages/drift and packages/models are built)', () => {
  it('trains, scores and round-trips every flavor through the built package', () => {
    const result = spawnSync(process.execPath, ['bench/run.mjs', '--smoke'], {
      cwd: packageDirectory,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toEqual({ smoke: true, rows: 35, failures: [] });
  });
});
