import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createInProcessJobQueue, type InProcessJobQueue, type RegistryStore, type RunRecord } from '@driftwatch/core';
import { createInMemoryEventStore, createInMemoryRegistryStore } from '@driftwatch/core/testing';
import { createDashboard } from './create-dashboard.js';
import { seedDashboardData } from './seed-dashboard-data.test-helper.js';

// The page.evaluate callbacks run in the browser; declare the little of the DOM they touch
// (the package compiles without the DOM lib).
interface BrowserElement {
  dataset: Record<string, string | undefined>;
  width: number;
  height: number;
}
declare const document: {
  body: BrowserElement;
  getElementById(id: string): BrowserElement | null;
  querySelector(selector: string): BrowserElement | null;
};
declare function getComputedStyle(element: BrowserElement): { backgroundColor: string };
declare const window: {
  Driftwatch: { charts: Record<string, { width: number; height: number; data: Array<Array<number | null>> }> };
};

// Debian's chromium by default; CHROMIUM_PATH points elsewhere (GitHub's Ubuntu runners ship Chrome).
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const screenshots = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'artifacts', 'screenshots');
const apiKey = 'browser-test-key';
const stepNames = ['check-trigger', 'fetch-data', 'prepare-features', 'train', 'validate', 'register-challenger', 'start-ab-test', 'promote-or-retire'];

if (!hasChromium && !inCi) {
  console.warn(`[dashboard browser tests] skipped: ${chromiumPath} is absent (install Debian's chromium; with CI=true these tests fail instead).`);
}

/** A stand-in for the retraining pipeline: a real-shaped run whose eight steps progress over a second or so. */
function registerPipelineStub(queue: InProcessJobQueue, registry: RegistryStore): Promise<void> {
  return queue.work('driftwatch.retraining.churn', async () => {
    const run: RunRecord = {
      id: `manual-${Date.now()}`,
      experiment: 'retraining:churn',
      status: 'running',
      params: { trigger: 'manual', reason: 'started from the dashboard' },
      metrics: {},
      artifacts: {},
      tags: { modelName: 'churn', trigger: 'manual' },
      startedAt: new Date(),
    };
    const steps: Array<Record<string, unknown>> = stepNames.map((name) => ({ name, status: 'pending', attempts: 0 }));
    const persist = () => registry.writeRun({ ...run, artifacts: { steps: structuredClone(steps) } });
    await persist();
    for (const step of steps) {
      const started = performance.now();
      Object.assign(step, { status: 'running', startedAt: new Date().toISOString(), attempts: 1 });
      await persist();
      await sleep(120);
      Object.assign(step, {
        status: 'succeeded',
        endedAt: new Date().toISOString(),
        durationMillis: performance.now() - started,
        output: step.name === 'promote-or-retire' ? { reason: 'challenger won the A/B test', promotion: { phase: 'done', outcome: 'promoted' } } : { ok: true },
      });
      await persist();
    }
    run.status = 'succeeded';
    run.endedAt = new Date();
    run.tags.outcome = 'promoted';
    await persist();
  });
}

interface ChartState {
  width: number;
  height: number;
  canvasWidth: number;
  canvasHeight: number;
  pointsPerSeries: number[];
}

async function chartState(page: Page, id: string): Promise<ChartState | undefined> {
  return page.evaluate((chartId) => {
    const chart = window.Driftwatch.charts[chartId];
    const canvas = document.querySelector(`#${chartId} canvas`);
    if (chart === undefined || canvas === null) return undefined;
    return {
      width: chart.width,
      height: chart.height,
      canvasWidth: canvas.width,
      canvasHeight: canvas.height,
      pointsPerSeries: chart.data.slice(1).map((series) => series.filter((value) => value !== null && value !== undefined).length),
    };
  }, id);
}

async function expectChartWithData(page: Page, id: string): Promise<void> {
  const state = await chartState(page, id);
  expect(state, `chart #${id}`).toBeDefined();
  expect(state!.width).toBeGreaterThan(100);
  expect(state!.height).toBeGreaterThan(100);
  expect(state!.canvasWidth).toBeGreaterThan(100);
  expect(state!.canvasHeight).toBeGreaterThan(100);
  expect(state!.pointsPerSeries.length, `series of #${id}`).toBeGreaterThan(0);
  expect(Math.max(...state!.pointsPerSeries), `points of #${id}`).toBeGreaterThan(0);
}

async function tableRowCount(page: Page, id: string): Promise<number> {
  return page.locator(`#${id} tbody tr:not(.empty)`).count();
}

describe.skipIf(!hasChromium && !inCi)(`dashboard in a real headless Chromium (skipped outside CI where ${chromiumPath} is missing)`, () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let server: Server;
  let baseUrl: string;
  let queue: InProcessJobQueue;
  const registry = createInMemoryRegistryStore();
  const store = createInMemoryEventStore();
  const problems: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI is set but ${chromiumPath} is absent: install chromium for the dashboard browser tests.`);
    mkdirSync(screenshots, { recursive: true });
    await store.migrate();
    await registry.migrate();
    await seedDashboardData({ store, registry, nowMillis: Date.now() });
    queue = createInProcessJobQueue({ retryLimit: 0, onError: () => {} });
    await registerPipelineStub(queue, registry);
    const dashboard = createDashboard({
      store,
      registry,
      basePath: '/driftwatch',
      apiKeys: [apiKey],
      retrain: { queue },
      refreshIntervalSeconds: 2,
      onError: (error) => problems.push(`server: ${error.message}`),
    });
    server = createServer(dashboard.handle).listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/driftwatch`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    page.on('console', (message) => {
      // The sign-in test asks for a page without a key on purpose; the browser logs its 401.
      if (message.type() === 'error' && !message.text().includes('status of 401')) problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    await queue?.shutdown();
  });

  async function open(path: string): Promise<void> {
    const response = await page.goto(`${baseUrl}/${path}`);
    expect(response?.status()).toBe(200);
    await page.waitForFunction(() => Number(document.body.dataset.loads ?? 0) >= 1, undefined, { timeout: 15_000 });
  }

  it('asks for the API key, then keeps the browser signed in with a cookie', async () => {
    const refused = await page.goto(`${baseUrl}/drift`);
    expect(refused?.status()).toBe(401);
    await page.fill('#key', 'wrong-key');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('.error').textContent()).toBe('Sign-in failed.');
    await page.screenshot({ path: join(screenshots, 'login.png') });
    await page.fill('#key', apiKey);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/driftwatch\/drift/);
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === 'driftwatch_dashboard');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    expect(session?.value).not.toContain(apiKey);
  });

  it('signs in through ?key= and drops the key from the address', async () => {
    await context.clearCookies();
    const response = await page.goto(`${baseUrl}/?key=${apiKey}&range=86400`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${baseUrl}/?range=86400`);
  });

  it('renders the overview with live charts and tables', async () => {
    await open('');
    for (const id of ['chart-volume', 'chart-latency', 'chart-error-rate']) await expectChartWithData(page, id);
    expect(await tableRowCount(page, 'table-current-alerts')).toBeGreaterThan(0);
    expect(await page.locator('#overview-cards .card').count()).toBeGreaterThanOrEqual(8);
    expect(await page.locator('#overview-cards [data-card="Status"] .value').textContent()).toMatch(/CRITICAL|WARNING/);
    // Refreshes by itself.
    const loads = Number(await page.evaluate(() => document.body.dataset.loads));
    await page.waitForFunction((before) => Number(document.body.dataset.loads) > before, loads, { timeout: 10_000 });
    await page.screenshot({ path: join(screenshots, 'overview.png'), fullPage: true });
  });

  it('renders feature drift: the table with severities, drift over time, training vs production', async () => {
    await open('drift');
    expect(await tableRowCount(page, 'table-drift')).toBe(4);
    expect(await page.locator('#table-drift .badge.severity-CRITICAL').count()).toBeGreaterThan(0);
    await expectChartWithData(page, 'chart-drift-over-time');
    expect(await page.locator('#distributions .small-multiple').count()).toBe(4);
    for (let index = 0; index < 4; index++) await expectChartWithData(page, `chart-distribution-${index}`);
    await page.screenshot({ path: join(screenshots, 'drift.png'), fullPage: true });
  });

  it('renders the prediction distribution over time', async () => {
    await open('predictions');
    for (const id of ['chart-score-quantiles', 'chart-label-shares', 'chart-prediction-drift', 'chart-prediction-count', 'chart-distribution-0']) {
      await expectChartWithData(page, id);
    }
    await page.screenshot({ path: join(screenshots, 'predictions.png'), fullPage: true });
  });

  it('renders performance with the confusion matrix, the ROC curve and label coverage', async () => {
    await open('performance');
    await expectChartWithData(page, 'chart-performance');
    await expectChartWithData(page, 'chart-label-coverage');
    await expectChartWithData(page, 'chart-roc');
    expect(await page.locator('#confusion-matrix-table td.cell').count()).toBe(4);
    expect(await page.locator('#performance-cards [data-card="Label coverage"] .value').textContent()).toMatch(/%/);
    expect(await page.locator('#roc-caption').textContent()).toMatch(/AUC 0\.\d/);
    await page.screenshot({ path: join(screenshots, 'performance.png'), fullPage: true });
  });

  it('renders alerts and logs', async () => {
    await open('alerts');
    expect(await tableRowCount(page, 'table-incidents')).toBeGreaterThan(0);
    expect(await tableRowCount(page, 'table-alert-history')).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshots, 'alerts.png'), fullPage: true });
    await open('logs');
    expect(await tableRowCount(page, 'table-predictions')).toBe(100);
    expect(await tableRowCount(page, 'table-data-quality')).toBe(4);
    await page.check('#errors-only');
    await expect.poll(async () => page.locator('#table-predictions tbody tr:not(.row-CRITICAL)').count(), { timeout: 10_000 }).toBe(0);
    expect(await tableRowCount(page, 'table-predictions')).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshots, 'logs.png'), fullPage: true });
  });

  it('renders champion vs challenger and rolls the champion back', async () => {
    await open('champion');
    expect(await page.locator('#champion-cards [data-card="Champion"] .value').textContent()).toBe('v2');
    expect(await page.locator('#champion-cards [data-card="Traffic split"] .value').textContent()).toContain('challenger 10 %');
    expect(await page.locator('#champion-cards [data-card="Promotion"] .value').textContent()).toContain('testing');
    expect(await tableRowCount(page, 'table-side-by-side')).toBe(6);
    await expectChartWithData(page, 'chart-arms');
    expect(await tableRowCount(page, 'table-alias-history')).toBe(3);
    await page.screenshot({ path: join(screenshots, 'champion.png'), fullPage: true });
    await page.click('#rollback');
    await page.click('#rollback-confirm');
    await expect.poll(() => page.locator('#rollback-status').textContent(), { timeout: 10_000 }).toContain('Rolled back: champion v2 → v1');
    expect((await registry.readAlias('churn', 'champion'))?.version).toBe(1);
    const [last] = (await registry.readAliasHistory('churn', 'champion')).slice(-1);
    expect(last).toMatchObject({ actor: 'dashboard', fromVersion: 2, toVersion: 1, evidence: { rollback: true } });
    await expect.poll(() => tableRowCount(page, 'table-alias-history'), { timeout: 10_000 }).toBe(4);
    await page.screenshot({ path: join(screenshots, 'champion-rolled-back.png'), fullPage: true });
  });

  it('starts retraining with the button and shows its eight steps until the run finishes', async () => {
    await open('retraining');
    expect(await page.locator('#retraining-steps li').count()).toBe(8);
    await page.click('#retrain');
    await page.waitForFunction(
      () => {
        const list = document.getElementById('retraining-steps');
        return list?.dataset.runId?.startsWith('manual-') === true && list.dataset.runStatus === 'running';
      },
      undefined,
      { timeout: 10_000 },
    );
    await page.screenshot({ path: join(screenshots, 'retraining-running.png'), fullPage: true });
    await page.waitForFunction(() => document.getElementById('retraining-steps')?.dataset.runStatus === 'succeeded', undefined, { timeout: 20_000 });
    const statuses = await page.locator('#retraining-steps li').evaluateAll((items) => items.map((item) => [item.dataset.step, item.dataset.status]));
    expect(statuses).toEqual(stepNames.map((name) => [name, 'succeeded']));
    await expect.poll(() => page.locator('#retrain-status').textContent(), { timeout: 10_000 }).toContain('Run finished: succeeded (promoted)');
    expect(await tableRowCount(page, 'table-runs')).toBe(2);
    await page.screenshot({ path: join(screenshots, 'retraining.png'), fullPage: true });
  });

  it('follows the system colour scheme (dark)', async () => {
    const dark = await browser.newPage({ viewport: { width: 1400, height: 1000 }, colorScheme: 'dark' });
    dark.on('pageerror', (error) => problems.push(`page: ${error.message}`));
    await context.cookies().then((cookies) => dark.context().addCookies(cookies));
    await dark.goto(`${baseUrl}/drift`);
    await dark.waitForFunction(() => Number(document.body.dataset.loads ?? 0) >= 1, undefined, { timeout: 15_000 });
    expect(await dark.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(15, 19, 24)');
    await dark.screenshot({ path: join(screenshots, 'drift-dark.png'), fullPage: true });
    await dark.close();
  });

  it('logged no browser or server error (no CSP violation, no script error)', () => {
    expect(problems).toEqual([]);
  });
});
