import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DriftwatchError } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import { syntheticRows } from './internal/synthetic-rows.test-helper.js';
import { trainClassifier } from './train-classifier.js';
import { trainClassifierInWorker } from './train-classifier-in-worker.js';

const rows = syntheticRows(3000, 11);
const options = { target: 'label', positive: 'Yes', trees: 60 } as const;

/** Runs `work` while a 5 ms interval counts how often the event loop got to it. */
async function countTicks<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number; elapsedMillis: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const start = performance.now();
  try {
    const result = await work();
    return { result, ticks, elapsedMillis: performance.now() - start };
  } finally {
    clearInterval(timer);
  }
}

describe('trainClassifierInWorker (from TypeScript sources)', () => {
  it('predicts exactly what in-process training predicts, without blocking the event loop', async () => {
    const { result: inWorker, ticks, elapsedMillis } = await countTicks(() => trainClassifierInWorker(rows, options));
    const inProcess = await trainClassifier(rows, options);
    expect([...inWorker.predictProba(rows)]).toEqual([...inProcess.predictProba(rows)]);
    // The loop kept running while the worker trained: at least a tick per 50 ms on a busy machine.
    expect(ticks).toBeGreaterThan(elapsedMillis / 50);
  });

  it('is what trainClassifier does with worker: true', async () => {
    const viaOption = await trainClassifier(rows.slice(0, 300), { ...options, trees: 5, worker: true });
    const direct = await trainClassifier(rows.slice(0, 300), { ...options, trees: 5 });
    expect([...viaOption.predictProba(rows.slice(0, 50))]).toEqual([...direct.predictProba(rows.slice(0, 50))]);
  });

  it('passes training errors back with their code', async () => {
    const error = await trainClassifierInWorker(rows.slice(0, 20), { ...options, positive: 'Maybe' }).catch((caught: unknown) => caught);
    expect(DriftwatchError.isInstance(error)).toBe(true);
    expect((error as DriftwatchError).code).toBe('INVALID_ARGUMENT');
  });

  it('rejects rows that cannot be copied to a worker', async () => {
    const error = await trainClassifierInWorker([{ label: 'Yes', x: () => 1 }, { label: 'No', x: 2 }], options).catch(
      (caught: unknown) => caught,
    );
    expect((error as DriftwatchError).code).toBe('INVALID_ARGUMENT');
  });
});

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const distBuilt = existsSync(`${dist}index.js`) && existsSync(`${dist}index.cjs`) && existsSync(`${dist}train-worker.js`);

// A consumer's process: plain Node, no vitest, no `source` condition, no TypeScript loader.
const consumerScript = (load: string): string => `
  const models = ${load};
  const rows = Array.from({ length: 300 }, (_, index) => ({ x: index % 17, plan: index % 3 ? 'a' : 'b', label: index % 17 > 8 ? 'Yes' : 'No' }));
  const options = { target: 'label', positive: 'Yes', trees: 5 };
  Promise.all([models.trainClassifierInWorker(rows, options), models.trainClassifier(rows, options)]).then(([inWorker, inProcess]) => {
    const same = inWorker.predictProba(rows).every((value, index) => Object.is(value, inProcess.predictProba(rows)[index]));
    console.log(JSON.stringify({ same }));
  });`;

describe.skipIf(!distBuilt)('trainClassifierInWorker (from the built dist/; skipped until `npx tsup` has run in packages/models)', () => {
  it.each([
    ['ESM', ['--input-type=module', '-e', consumerScript(`await import(${JSON.stringify(`${dist}index.js`)})`)]],
    ['CommonJS', ['-e', consumerScript(`require(${JSON.stringify(`${dist}index.cjs`)})`)]],
  ])('trains in a worker from the %s build', (_format, argumentsList) => {
    const result = spawnSync(process.execPath, argumentsList, { encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ same: true });
  });
});
