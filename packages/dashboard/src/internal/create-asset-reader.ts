import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A static file the dashboard serves, read once and kept. */
export interface DashboardAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

/** Reads the dashboard's browser files by name, or `undefined` for a name that is not one. */
export type AssetReader = (name: string) => DashboardAsset | undefined;

const contentTypes: Readonly<Record<string, string>> = Object.freeze({
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
});

/** Our own files, under the package's `assets/` directory. */
const ownAssetNames = [
  'dashboard.css',
  'dashboard.js',
  'pages/overview.js',
  'pages/drift.js',
  'pages/predictions.js',
  'pages/performance.js',
  'pages/champion.js',
  'pages/alerts.js',
  'pages/logs.js',
  'pages/retraining.js',
] as const;

/**
 * Creates the reader of the dashboard's browser files: its own `assets/` (next to `package.json`)
 * and uPlot's script and stylesheet from the `uplot` dependency, both located with `require.resolve`
 * at run time, so it works from `src/` under vitest and from the built ESM and CJS files alike,
 * and nothing is fetched from a CDN. Files are read on first use and kept in memory.
 *
 * @example
 * ```ts
 * import { createAssetReader } from './create-asset-reader.js';
 * const readAsset = createAssetReader();
 * readAsset('uPlot.iife.min.js')?.contentType; // 'text/javascript; charset=utf-8'
 * ```
 */
export function createAssetReader(): AssetReader {
  const require = createRequire(import.meta.url);
  const paths = new Map<string, () => string>();
  const packageRoot = () => dirname(require.resolve('@driftwatch/dashboard/package.json'));
  for (const name of ownAssetNames) paths.set(name, () => join(packageRoot(), 'assets', name));
  paths.set('uPlot.iife.min.js', () => require.resolve('uplot/dist/uPlot.iife.min.js'));
  paths.set('uPlot.min.css', () => require.resolve('uplot/dist/uPlot.min.css'));
  const cache = new Map<string, DashboardAsset>();
  return (name) => {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    const pathOf = paths.get(name);
    if (pathOf === undefined) return undefined;
    const body = readFileSync(pathOf());
    const extension = name.slice(name.lastIndexOf('.'));
    const asset: DashboardAsset = {
      body,
      contentType: contentTypes[extension] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    };
    cache.set(name, asset);
    return asset;
  };
}
