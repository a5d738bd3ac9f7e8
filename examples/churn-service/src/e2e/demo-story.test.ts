// The whole demo story end to end (what `npm run demo -- --once` runs): a simulated week over
// HTTP against the service on SQLite, with the drift, the CRITICAL alert, retraining, the A/B test
// and the promotion of the better challenger. About 12,600 predictions and 10,000 outcomes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoPlan } from '../demo/demo-plan.js';
import { runDemo } from '../demo/run-demo.js';
import { hourMillis } from '../scenarios/simulated-time.js';

const directory = mkdtempSync(join(tmpdir(), 'churn-demo-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the demo story', () => {
  it('trains, serves, detects the shock, retrains within 30 s, A/B-tests and promotes the better challenger', { timeout: 240_000 }, async () => {
    const lines: string[] = [];
    const report = await runDemo({ once: true, dataDirectory: directory, apiKeys: ['demo-test-key'], write: (line) => lines.push(line) });
    console.info(
      `[e2e demo] ${(report.wallMillis / 1000).toFixed(1)} s, ${report.traffic?.predictions} predictions, detection ${(report.detectionDelayMillis ?? Number.NaN) / hourMillis} h, ` +
        `retraining ${((report.retrainingMillis ?? Number.NaN) / 1000).toFixed(2)} s, promoted ${report.promotedAtMillis === undefined ? 'never' : `${((report.promotedAtMillis - demoPlan.onsetMillis) / hourMillis).toFixed(1)} h after the onset`}`,
    );
    expect(report.steps.filter((step) => !step.ok), lines.join('\n')).toEqual([]);
    expect(report.steps.map((step) => step.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(report.detectionDelayMillis).toBe(hourMillis);
    expect(report.retrainingMillis).toBeLessThanOrEqual(30_000);
    expect(report.promotedAtMillis).toBeDefined();
    // The promoted model is the retrained challenger.
    expect(report.steps[7]!.detail).toContain('churn v2 promoted to champion');
  });
});
