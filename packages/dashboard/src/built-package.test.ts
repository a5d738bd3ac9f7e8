import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = existsSync(join(packageRoot, 'dist', 'index.cjs')) && existsSync(join(packageRoot, 'dist', 'index.js'));
if (!built) console.warn('[dashboard built-package tests] skipped: run `npm run build -w @driftwatch/dashboard` first (the root `npm test` builds).');

// Serves uPlot and the dashboard's own scripts from the built package, loaded the way an app loads it.
const script = (load: string) => `
${load}
const http = require('node:http');
const store = { readCheckResults: async () => [], readWindowProfiles: async () => [], readPredictions: async () => [], readAlerts: async () => [], readBaseline: async () => undefined, listModels: async () => ['churn'] };
const server = http.createServer(createDashboard({ store, basePath: '/driftwatch' }).handle).listen(0, '127.0.0.1', async () => {
  const base = 'http://127.0.0.1:' + server.address().port + '/driftwatch';
  const statuses = [];
  for (const path of ['/assets/uPlot.iife.min.js', '/assets/uPlot.min.css', '/assets/dashboard.js', '/assets/pages/drift.js', '/drift', '/api/overview']) {
    const response = await fetch(base + path);
    statuses.push(response.status + ' ' + (await response.text()).length);
  }
  console.log(JSON.stringify(statuses));
  server.close();
});`;

describe.skipIf(!built)('the built package (skipped until packages/dashboard is built: dist/index.js and dist/index.cjs)', () => {
  it.each([
    ['CommonJS', ['-e', script("const { createDashboard } = require('@driftwatch/dashboard');")]],
    ['ESM', ['--input-type=module', '-e', script("import { createRequire } from 'node:module'; const require = createRequire(process.cwd() + '/'); const { createDashboard } = await import('@driftwatch/dashboard');")]],
  ])('serves its assets and pages from dist when loaded as %s', async (_format, args) => {
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: packageRoot, timeout: 20_000 });
    const statuses = JSON.parse(stdout.trim()) as string[];
    expect(statuses.map((status) => status.split(' ')[0])).toEqual(['200', '200', '200', '200', '200', '200']);
    expect(Number(statuses[0]!.split(' ')[1])).toBeGreaterThan(40_000);
  });
});
