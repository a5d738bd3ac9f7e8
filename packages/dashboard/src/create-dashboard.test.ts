import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInProcessJobQueue, DriftwatchError, type Clock, type RegistryStore } from '@driftwatch/core';
import { createInMemoryEventStore, createInMemoryRegistryStore } from '@driftwatch/core/testing';
import { createDashboard, type DashboardConfig } from './index.js';
import { seedDashboardData } from './seed-dashboard-data.test-helper.js';

const nowMillis = Date.UTC(2026, 0, 10, 12, 0, 0);
const fixedClock: Clock = {
  now: () => nowMillis,
  setTimeout: () => ({ cancel() {} }),
  setInterval: () => ({ cancel() {} }),
};
const apiPaths = ['overview', 'drift', 'predictions', 'performance', 'performance/roc', 'champion', 'alerts', 'logs', 'retraining'] as const;
const pagePaths = ['', 'drift', 'predictions', 'performance', 'champion', 'alerts', 'logs', 'retraining'] as const;

const store = createInMemoryEventStore();
const seededRegistry = createInMemoryRegistryStore();
const servers: Array<{ close(): unknown }> = [];

beforeAll(async () => {
  await store.migrate();
  await seededRegistry.migrate();
  await seedDashboardData({ store, registry: seededRegistry, nowMillis });
}, 60_000);

afterAll(async () => {
  for (const server of servers) await server.close();
});

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A fresh registry holding the seeded one's aliases, so tests that move aliases do not disturb others. */
async function copyRegistry(): Promise<RegistryStore> {
  const registry = createInMemoryRegistryStore();
  await registry.migrate();
  for (const version of await seededRegistry.listModelVersions('churn', { includeArtifactData: true })) {
    const { version: _version, ...record } = version;
    await registry.createModelVersion(record);
  }
  for (const entry of await seededRegistry.readAliasHistory('churn')) {
    await registry.moveAlias({ ...entry, expectedVersion: entry.fromVersion, toVersion: entry.toVersion });
  }
  const routing = await seededRegistry.readRoutingConfig('churn');
  if (routing !== undefined) await registry.writeRoutingConfig(routing);
  for (const run of await seededRegistry.listRuns('retraining:churn')) await registry.writeRun(run);
  return registry;
}

async function startNodeDashboard(config: Partial<DashboardConfig> = {}): Promise<string> {
  const dashboard = createDashboard({ store, registry: seededRegistry, basePath: '/driftwatch', clock: fixedClock, ...config });
  return `${await listen(createServer(dashboard.handle))}/driftwatch`;
}

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('createDashboard under node:http', () => {
  let base: string;
  beforeAll(async () => {
    base = await startNodeDashboard();
  });

  it.each(apiPaths)('serves api/%s as JSON with the security headers', async (path) => {
    const response = await fetch(`${base}/api/${path}?model=churn`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { model: string };
    expect(body.model).toBe('churn');
  });

  it('answers the overview from check results: status, headline values, series, alerts, aliases', async () => {
    const overview = (await (await fetch(`${base}/api/overview`)).json()) as Record<string, any>;
    expect(overview.status).toBe('CRITICAL');
    expect(overview.lastCheckedAt).toBe(new Date(nowMillis).toISOString());
    expect(overview.latest['requests-per-minute'].value).toBe(30);
    expect(overview.latest.p95.value).toBeGreaterThan(overview.latest.p50.value);
    expect(overview.volume.time.length).toBe(19);
    expect(Object.keys(overview.latency.series)).toEqual(['p50', 'p95', 'p99']);
    expect(overview.currentAlerts.length).toBeGreaterThan(0);
    expect(overview.champion).toBe(2);
    expect(overview.challenger).toBe(3);
    expect(overview.traffic).toEqual([
      { alias: 'champion', share: 0.9 },
      { alias: 'challenger', share: 0.1 },
    ]);
  });

  it('answers feature drift with the table, the series and the training distributions', async () => {
    const drift = (await (await fetch(`${base}/api/drift`)).json()) as Record<string, any>;
    expect(drift.rows.map((row: { subject: string }) => row.subject).sort()).toEqual(['Contract', 'MonthlyCharges', 'PaymentMethod', 'tenure']);
    const tenure = drift.rows.find((row: { subject: string }) => row.subject === 'tenure');
    expect(tenure).toMatchObject({ test: 'ks', effectMetric: 'psi', severity: 'CRITICAL', significant: true });
    expect(tenure.pValue).toBeLessThan(0.05);
    expect(tenure.topBins.length).toBe(3);
    const contract = drift.rows.find((row: { subject: string }) => row.subject === 'Contract');
    expect(contract.test).toBe('chi-squared');
    expect(drift.overTime.series.tenure.length).toBe(drift.overTime.time.length);
    expect(drift.comparison.distributions.map((item: { name: string }) => item.name)).toEqual(['tenure', 'MonthlyCharges', 'Contract', 'PaymentMethod']);
    for (const item of drift.comparison.distributions) {
      expect(item.labels.length).toBe(item.reference.length);
      expect(item.reference.reduce((sum: number, share: number) => sum + share, 0)).toBeCloseTo(1, 6);
      expect(item.current.reduce((sum: number, share: number) => sum + share, 0)).toBeCloseTo(1, 6);
    }
  });

  it('answers the prediction distribution over time from window profiles', async () => {
    const predictions = (await (await fetch(`${base}/api/predictions?range=14400`)).json()) as Record<string, any>;
    expect(predictions.bucketSeconds).toBe(300);
    const { p10, p50, p90 } = predictions.scoreOverTime.series;
    expect(p10.length).toBeGreaterThan(40);
    for (let index = 0; index < p10.length; index++) {
      expect(p10[index]).toBeLessThanOrEqual(p50[index]);
      expect(p50[index]).toBeLessThanOrEqual(p90[index]);
    }
    // The seeded drift pushes scores up in the second half.
    expect(p50.at(-1)).toBeGreaterThan(p50[0]);
    expect(Object.keys(predictions.labelsOverTime.series).sort()).toEqual(['No', 'Yes']);
    expect(predictions.rateOverTime.series['predictions-per-minute'].every((rate: number) => Math.abs(rate - 30) < 1e-9)).toBe(true);
    expect(Object.keys(predictions.driftOverTime.series)).toEqual(['prediction.score', 'prediction.label']);
  });

  it('answers performance with metrics over time, coverage, the confusion matrix and a ROC curve', async () => {
    const performance = (await (await fetch(`${base}/api/performance`)).json()) as Record<string, any>;
    expect(performance.hasLabels).toBe(true);
    expect(Object.keys(performance.overTime.series)).toEqual(['accuracy', 'precision', 'recall', 'f1', 'auc']);
    expect(performance.latest.accuracy.baselineValue).toBe(0.78);
    expect(performance.coverage.value).toBeGreaterThan(0.5);
    const matrix = performance.confusionMatrix;
    expect(matrix.positiveLabel).toBe('Yes');
    expect(matrix.truePositive + matrix.falsePositive + matrix.trueNegative + matrix.falseNegative).toBe(performance.latest.accuracy.labelledCount);
    const roc = (await (await fetch(`${base}/api/performance/roc`)).json()) as Record<string, any>;
    expect(roc).toMatchObject({ available: true, source: 'computed', positiveLabel: 'Yes' });
    expect(roc.falsePositiveRate[0]).toBe(0);
    expect(roc.truePositiveRate.at(-1)).toBe(1);
    expect(roc.auc).toBeCloseTo(performance.latest.auc.value, 1);
  });

  it('bounds the logs page to one limited read and lists data-quality results', async () => {
    const readPredictions = vi.spyOn(store, 'readPredictions');
    try {
      const logs = (await (await fetch(`${base}/api/logs?limit=25&errors=1`)).json()) as Record<string, any>;
      expect(logs.predictions.length).toBe(25);
      expect(logs.predictions.every((prediction: { status: string }) => prediction.status === 'error')).toBe(true);
      expect(readPredictions).toHaveBeenCalledTimes(1);
      expect(readPredictions.mock.calls[0]![0]).toMatchObject({ modelName: 'churn', limit: 25, errorsOnly: true });
      expect(logs.dataQuality.map((item: { subject: string }) => item.subject).sort()).toEqual(['Contract', 'MonthlyCharges', 'PaymentMethod', 'tenure']);
      expect(logs.dataQualityIssues.length).toBeGreaterThan(0);
      const capped = (await (await fetch(`${base}/api/logs?limit=100000`)).json()) as { limit: number };
      expect(capped.limit).toBe(1000);
    } finally {
      readPredictions.mockRestore();
    }
  });

  it('never reads raw predictions outside the logs page and the ROC curve', async () => {
    const readPredictions = vi.spyOn(store, 'readPredictions');
    const readLabelled = vi.spyOn(store, 'readLabelledPredictions');
    try {
      for (const path of apiPaths.filter((path) => path !== 'logs' && path !== 'performance/roc')) await fetch(`${base}/api/${path}`);
      expect(readPredictions).not.toHaveBeenCalled();
      expect(readLabelled).not.toHaveBeenCalled();
    } finally {
      readPredictions.mockRestore();
      readLabelled.mockRestore();
    }
  });

  it('answers champion vs challenger from the registry and per-version check results', async () => {
    const champion = (await (await fetch(`${base}/api/champion`)).json()) as Record<string, any>;
    expect(champion.arms.map((arm: { alias: string; version: number }) => [arm.alias, arm.version])).toEqual([
      ['champion', 2],
      ['challenger', 3],
    ]);
    expect(champion.arms[0].production.accuracy.value).toBeGreaterThan(0);
    expect(champion.arms[1].production.auc.value).toBeGreaterThan(0);
    expect(champion.routing.shares).toEqual([
      { alias: 'champion', share: 0.9 },
      { alias: 'challenger', share: 0.1 },
    ]);
    expect(champion.promotion).toMatchObject({ phase: 'testing', championVersion: 2, challengerVersion: 3, runId: 'seeded-run-1' });
    expect(champion.aliasHistory[0]).toMatchObject({ alias: 'challenger', toVersion: 3 });
    expect(champion.rollback).toEqual({ available: true, fromVersion: 2, toVersion: 1, reason: null });
  });

  it('answers alerts grouped into incidents, and retraining runs with their steps', async () => {
    const alerts = (await (await fetch(`${base}/api/alerts`)).json()) as Record<string, any>;
    expect(alerts.counts.firing).toBe(alerts.current.length);
    expect(alerts.history.length).toBeGreaterThanOrEqual(alerts.incidents.length);
    expect(alerts.current.every((incident: { status: string }) => incident.status === 'firing')).toBe(true);
    const retraining = (await (await fetch(`${base}/api/retraining`)).json()) as Record<string, any>;
    expect(retraining.canRetrain).toBe(false);
    expect(retraining.latest.steps.map((step: { name: string }) => step.name)).toEqual([
      'check-trigger',
      'fetch-data',
      'prepare-features',
      'train',
      'validate',
      'register-challenger',
      'start-ab-test',
      'promote-or-retire',
    ]);
    expect(retraining.latest.steps.at(-1).status).toBe('waiting');
  });

  it.each(pagePaths)('renders the /%s page shell with its scripts and a strict CSP', async (path) => {
    const response = await fetch(`${base}/${path}?model=churn`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/https?:/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toContain('<base href="/driftwatch/">');
    expect(html).toContain('<script src="assets/uPlot.iife.min.js" defer></script>');
    expect(html).not.toMatch(/<script>|<style>| style=| on[a-z]+=/);
  });

  it('serves uPlot and its own scripts from the package, with ETags', async () => {
    const uplot = await fetch(`${base}/assets/uPlot.iife.min.js`);
    expect(uplot.status).toBe(200);
    expect(uplot.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await uplot.text()).toContain('uPlot');
    const css = await fetch(`${base}/assets/uPlot.min.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    for (const name of ['dashboard.js', 'dashboard.css', 'pages/overview.js', 'pages/retraining.js']) {
      const response = await fetch(`${base}/assets/${name}`);
      expect(response.status, name).toBe(200);
      const again = await fetch(`${base}/assets/${name}`, { headers: { 'if-none-match': response.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }
    expect((await fetch(`${base}/assets/../package.json`)).status).toBe(404);
    expect((await fetch(`${base}/assets/pages/nope.js`)).status).toBe(404);
  });

  it('answers 404 outside its base path, for unknown routes and unknown models; 405 for wrong methods', async () => {
    const root = base.replace(/\/driftwatch$/, '');
    expect((await fetch(`${root}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${root}/driftwatchx`)).status).toBe(404);
    expect((await fetch(`${base}`)).status).toBe(200);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/api/nope`)).status).toBe(404);
    expect((await fetch(`${base}/api/overview?model=fraud`)).status).toBe(404);
    expect((await fetch(`${base}/drift?model=fraud`)).status).toBe(404);
    expect((await fetch(`${base}/api/overview`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/api/retrain`)).status).toBe(405);
    const head = await fetch(`${base}/api/overview`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('escapes every piece of text it renders', async () => {
    const evil = '<img src=x onerror="alert(1)">';
    const evilBase = await startNodeDashboard({ models: [evil], title: '</title><script>alert(1)</script>' });
    const html = await (await fetch(`${evilBase}/?model=${encodeURIComponent(evil)}`)).text();
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('reports a failing store to onError and answers 500 without its message', async () => {
    const errors: DriftwatchError[] = [];
    const failing = createInMemoryEventStore();
    failing.readCheckResults = async () => {
      throw new Error('disk on fire');
    };
    failing.listModels = async () => ['churn'];
    const failingBase = await startNodeDashboard({ store: failing, onError: (error) => errors.push(error) });
    const response = await fetch(`${failingBase}/api/overview`);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('disk on fire');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('STORE_FAILED');
  });
});

describe('createDashboard under Express 5', () => {
  it('mounts with app.use(path, dashboard) next to the app’s own routes, behind express.json()', async () => {
    const registry = await copyRegistry();
    const app = express();
    app.use(express.json());
    app.get('/health', (_request, response) => void response.send('ok'));
    app.use('/driftwatch', createDashboard({ store, registry, clock: fixedClock }));
    const root = await listen(createServer(app));
    expect(await (await fetch(`${root}/health`)).text()).toBe('ok');
    const page = await (await fetch(`${root}/driftwatch`)).text();
    expect(page).toContain('<base href="/driftwatch/">');
    expect(((await (await fetch(`${root}/driftwatch/api/overview`)).json()) as { status: string }).status).toBe('CRITICAL');
    expect((await fetch(`${root}/driftwatch/assets/uPlot.iife.min.js`)).status).toBe(200);
    // express.json() has consumed the body already; the dashboard uses request.body.
    const rolledBack = await postJson(`${root}/driftwatch/api/champion/rollback`, { expectedVersion: 2, toVersion: 1 });
    expect(rolledBack.status).toBe(200);
    expect(await rolledBack.json()).toMatchObject({ fromVersion: 2, toVersion: 1 });
    expect((await registry.readAlias('churn', 'champion'))?.version).toBe(1);
  });

  it('hands requests outside its basePath to next() when mounted without a path', async () => {
    const app = express();
    app.use(createDashboard({ store, registry: seededRegistry, basePath: '/ops/driftwatch', clock: fixedClock }));
    app.use((_request, response) => void response.status(418).send('app'));
    const root = await listen(createServer(app));
    expect((await fetch(`${root}/other`)).status).toBe(418);
    const page = await fetch(`${root}/ops/driftwatch/drift`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<base href="/ops/driftwatch/">');
  });
});

describe('createDashboard under Fastify 5', () => {
  let app: FastifyInstance;
  afterEach(async () => {
    await app?.close();
  });

  it('registers as a plugin with a prefix; pages, JSON, forms and actions work', async () => {
    const registry = await copyRegistry();
    const dashboard = createDashboard({ store, registry, clock: fixedClock, apiKeys: ['fastify-key'] });
    app = Fastify();
    app.get('/health', async () => 'ok');
    await app.register(dashboard.fastifyPlugin, { prefix: '/driftwatch' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const root = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    expect(await (await fetch(`${root}/health`)).text()).toBe('ok');
    expect((await fetch(`${root}/driftwatch`)).status).toBe(401);
    // The login form posts urlencoded, which Fastify does not parse by itself.
    const login = await fetch(`${root}/driftwatch/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'key=fastify-key&next=drift%3Fmodel%3Dchurn',
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/driftwatch/drift?model=churn');
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    for (const path of ['', '/', '/drift', '/api/overview', '/api/performance/roc', '/assets/dashboard.js']) {
      expect((await fetch(`${root}/driftwatch${path}`, { headers: { cookie } })).status, path).toBe(200);
    }
    const html = await (await fetch(`${root}/driftwatch/champion`, { headers: { cookie } })).text();
    expect(html).toContain('<base href="/driftwatch/">');
    const rolledBack = await postJson(`${root}/driftwatch/api/champion/rollback`, { expectedVersion: 2 }, { cookie });
    expect(rolledBack.status).toBe(200);
    const conflict = await postJson(`${root}/driftwatch/api/champion/rollback`, { expectedVersion: 2 }, { cookie });
    expect(conflict.status).toBe(409);
  });
});

describe('the API key guard', () => {
  let base: string;
  beforeAll(async () => {
    base = await startNodeDashboard({ apiKeys: ['key-one', 'key-two'] });
  });

  it('answers 401 without a key, with no hint', async () => {
    const api = await fetch(`${base}/api/overview`);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: 'Unauthorized' });
    const page = await fetch(`${base}/drift?model=churn`);
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(html).toContain('<form method="post" action="login">');
    expect(html).toContain('value="drift?model=churn"');
    expect(html).not.toMatch(/invalid|expired|unknown|key-one/i);
    const wrong = await fetch(`${base}/api/overview`, { headers: { 'x-api-key': 'key-on' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'Unauthorized' });
  });

  it('accepts either key in X-API-Key or as a bearer token', async () => {
    expect((await fetch(`${base}/api/overview`, { headers: { 'x-api-key': 'key-two' } })).status).toBe(200);
    expect((await fetch(`${base}/api/overview`, { headers: { authorization: 'Bearer key-one' } })).status).toBe(200);
    expect((await fetch(`${base}/api/overview`, { headers: { authorization: `Bearer ${'x'.repeat(10_000)}` } })).status).toBe(401);
  });

  it('turns ?key= into an HttpOnly, SameSite=Strict cookie that is not the key, and drops the key from the address', async () => {
    const response = await fetch(`${base}/performance?model=churn&key=key-one`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/driftwatch/performance?model=churn');
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^driftwatch_dashboard=[A-Za-z0-9_-]{43}; Path=\/driftwatch; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(setCookie).not.toContain('key-one');
    const cookie = setCookie.split(';')[0]!;
    expect((await fetch(`${base}/api/overview`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${base}/api/overview`, { headers: { cookie: `${cookie}x` } })).status).toBe(401);
    expect((await fetch(`${base}/drift?key=wrong`, { redirect: 'manual' })).status).toBe(401);
    const secure = await fetch(`${base}/?key=key-two`, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('signs in with the form, refuses a cross-site post, and signs out', async () => {
    const form = (key: string, headers: Record<string, string> = {}) =>
      fetch(`${base}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ key, next: 'alerts' }).toString(),
        redirect: 'manual',
      });
    const failed = await form('nope');
    expect(failed.status).toBe(401);
    expect(await failed.text()).toContain('Sign-in failed.');
    expect((await form('key-two', { origin: 'https://evil.example' })).status).toBe(403);
    const signedIn = await form('key-two', { origin: new URL(base).origin });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/driftwatch/alerts');
    const evilNext = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ key: 'key-two', next: '//evil.example/' }).toString(),
      redirect: 'manual',
    });
    expect(evilNext.headers.get('location')).toBe('/driftwatch/');
    const signedOut = await fetch(`${base}/logout`, { method: 'POST', redirect: 'manual' });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('set-cookie')).toMatch(/^driftwatch_dashboard=; Path=\/driftwatch; HttpOnly; SameSite=Strict; Max-Age=0/);
  });

  it('serves its assets and the sign-in page without a key', async () => {
    expect((await fetch(`${base}/assets/dashboard.css`)).status).toBe(200);
    expect((await fetch(`${base}/login`)).status).toBe(200);
  });

  it('reads keys from DRIFTWATCH_DASHBOARD_API_KEYS, and apiKeys: false turns the guard off', async () => {
    const fromEnvironment = await startNodeDashboard({ environment: { DRIFTWATCH_DASHBOARD_API_KEYS: ' env-key , other ' } });
    expect((await fetch(`${fromEnvironment}/api/overview`)).status).toBe(401);
    expect((await fetch(`${fromEnvironment}/api/overview`, { headers: { 'x-api-key': 'env-key' } })).status).toBe(200);
    expect((await fetch(`${fromEnvironment}/api/overview`, { headers: { 'x-api-key': 'other' } })).status).toBe(200);
    const off = await startNodeDashboard({ apiKeys: false, environment: { DRIFTWATCH_DASHBOARD_API_KEYS: 'env-key' } });
    expect((await fetch(`${off}/api/overview`)).status).toBe(200);
    expect((await fetch(`${off}/login`, { redirect: 'manual' })).status).toBe(303);
  });
});

describe('the rollback action', () => {
  it('moves the champion back to its previous version with actor dashboard, then has nothing left to undo', async () => {
    const registry = await copyRegistry();
    const base = await startNodeDashboard({ registry });
    const response = await postJson(`${base}/api/champion/rollback?model=churn`, { expectedVersion: 2, toVersion: 1 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ alias: 'champion', fromVersion: 2, toVersion: 1 });
    const history = await registry.readAliasHistory('churn', 'champion');
    expect(history.at(-1)).toMatchObject({ actor: 'dashboard', fromVersion: 2, toVersion: 1, evidence: { rollback: true }, at: new Date(nowMillis) });
    const again = await postJson(`${base}/api/champion/rollback`, { expectedVersion: 1 });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toContain('no earlier version');
  });

  it('answers 409 when the champion is not the version the page showed (the store’s compare-and-set)', async () => {
    const registry = await copyRegistry();
    const base = await startNodeDashboard({ registry });
    const stale = await postJson(`${base}/api/champion/rollback`, { expectedVersion: 3 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ currentVersion: 2 });
    expect((await registry.readAlias('churn', 'champion'))?.version).toBe(2);
  });

  it('answers 409 when another move lands between reading the history and moving the alias', async () => {
    const registry = await copyRegistry();
    const racing: RegistryStore = Object.create(registry);
    racing.readAliasHistory = async (modelName, alias) => {
      const history = await registry.readAliasHistory(modelName, alias);
      // A promotion elsewhere wins the race.
      await registry.moveAlias({ modelName, alias: 'champion', expectedVersion: 2, toVersion: 3, actor: 'promotion-policy', reason: 'race', at: new Date(nowMillis) });
      return history;
    };
    const base = await startNodeDashboard({ registry: racing });
    const response = await postJson(`${base}/api/champion/rollback`, { expectedVersion: 2, toVersion: 1 });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ currentVersion: 3 });
    expect((await registry.readAlias('churn', 'champion'))?.version).toBe(3);
  });

  it('answers 409 when the history now offers another target, 400 for a bad body, 415 without JSON, 403 cross-site, 404 without a registry', async () => {
    const registry = await copyRegistry();
    const base = await startNodeDashboard({ registry });
    expect((await postJson(`${base}/api/champion/rollback`, { expectedVersion: 2, toVersion: 3 })).status).toBe(409);
    expect((await postJson(`${base}/api/champion/rollback`, { expectedVersion: 'two' })).status).toBe(400);
    const notJson = await fetch(`${base}/api/champion/rollback`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"expectedVersion":2}' });
    expect(notJson.status).toBe(415);
    expect((await postJson(`${base}/api/champion/rollback`, { expectedVersion: 2 }, { origin: 'https://evil.example' })).status).toBe(403);
    const malformed = await fetch(`${base}/api/champion/rollback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(malformed.status).toBe(400);
    expect((await registry.readAlias('churn', 'champion'))?.version).toBe(2);
    const withoutRegistry = createDashboard({ store, basePath: '/driftwatch', clock: fixedClock });
    const bare = `${await listen(createServer(withoutRegistry.handle))}/driftwatch`;
    expect((await postJson(`${bare}/api/champion/rollback`, { expectedVersion: 2 })).status).toBe(404);
    expect(((await (await fetch(`${bare}/api/champion`)).json()) as { available: boolean }).available).toBe(false);
  });
});

describe('the retrain action', () => {
  it('sends one job per model to the retraining queue, and 409 while one is queued', async () => {
    const queue = createInProcessJobQueue();
    const send = vi.spyOn(queue, 'send');
    const base = await startNodeDashboard({ retrain: { queue } });
    const started = await postJson(`${base}/api/retrain?model=churn`, {});
    expect(started.status).toBe(202);
    expect(await started.json()).toMatchObject({ started: true, modelName: 'churn', experiment: 'retraining:churn' });
    expect(send).toHaveBeenCalledWith('driftwatch.retraining.churn', { trigger: 'manual', reason: 'started from the dashboard' }, { singletonKey: 'churn' });
    // No worker takes it, so it stays queued: a second click is refused.
    expect((await postJson(`${base}/api/retrain?model=churn`, {})).status).toBe(409);
    await queue.shutdown();
  });

  it('calls onRetrain instead when given, and answers 404 when neither is configured', async () => {
    const onRetrain = vi.fn(async () => {});
    const base = await startNodeDashboard({ onRetrain });
    expect((await postJson(`${base}/api/retrain`, {})).status).toBe(202);
    expect(onRetrain).toHaveBeenCalledWith('churn');
    expect(((await (await fetch(`${base}/api/retraining`)).json()) as { canRetrain: boolean }).canRetrain).toBe(true);
    const bare = await startNodeDashboard();
    expect((await postJson(`${bare}/api/retrain`, {})).status).toBe(404);
  });
});

describe('the config', () => {
  it('is validated at the boundary', () => {
    const invalid = (config: Record<string, unknown>) => () => createDashboard({ store, ...config } as DashboardConfig);
    expect(invalid({ refreshIntervalSeconds: 120 })).toThrow(/refreshIntervalSeconds/);
    expect(invalid({ basePath: 'no-slash' })).toThrow(/basePath/);
    expect(invalid({ onRetrain: () => {}, retrain: { queue: createInProcessJobQueue() } })).toThrow(/not both/);
    expect(invalid({ store: {} })).toThrow(/EventStore/);
    try {
      invalid({ logLimit: 0 })();
    } catch (error) {
      expect(DriftwatchError.isInstance(error) && error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('polls at the configured interval, 5 s by default', async () => {
    const defaults = await (await fetch(`${await startNodeDashboard()}/`)).text();
    expect(defaults).toContain('data-refresh-millis="5000"');
    const fast = await (await fetch(`${await startNodeDashboard({ refreshIntervalSeconds: 2 })}/`)).text();
    expect(fast).toContain('data-refresh-millis="2000"');
  });
});
