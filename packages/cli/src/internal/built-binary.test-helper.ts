import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const driftRoot = join(cliRoot, '..', 'drift');

/** The built binary the end-to-end tests run. */
export const binPath = join(cliRoot, 'dist', 'bin.js');

/** Newest modification time under `directory`, test files aside. */
function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!entry.name.includes('.test')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale(output: string, sources: readonly string[]): boolean {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((source) => (statSync(source).isDirectory() ? newestSource(source) : statSync(source).mtimeMs) > built);
}

/**
 * Builds what the end-to-end tests need, as `npm test` would through turbo: @driftwatch/drift
 * first (the binary imports its dist), then this package, each only when missing or older than
 * its sources. A failed drift rebuild over an existing dist is tolerated, since another
 * engineer may be mid-edit there.
 */
export function ensureBuilt(): void {
  const driftDist = join(driftRoot, 'dist', 'index.js');
  if (isStale(driftDist, [join(driftRoot, 'src'), join(driftRoot, 'tsup.config.ts')])) {
    const build = spawnSync('npx', ['tsup'], { cwd: driftRoot, encoding: 'utf8' });
    if (build.status !== 0 && !existsSync(driftDist)) throw new Error(`building @driftwatch/drift failed:\n${build.stderr}`);
  }
  if (isStale(binPath, [join(cliRoot, 'src'), join(cliRoot, 'tsup.config.ts'), join(cliRoot, 'package.json')])) {
    execFileSync('npx', ['tsup'], { cwd: cliRoot, stdio: 'pipe' });
  }
}
