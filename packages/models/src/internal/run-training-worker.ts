import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { DriftwatchError, type DriftwatchErrorCode } from '@driftwatch/drift';
import type { ClassifierJson } from '../classifier-json.js';
import type { TabularRow } from '../tabular-row.js';
import type { TrainClassifierOptions } from '../train-classifier-options.js';

/** What the worker sends back. */
export type TrainingWorkerReply =
  | { ok: true; json: ClassifierJson }
  | { ok: false; error: { code?: DriftwatchErrorCode; message: string; details?: Record<string, unknown> } };

/** What the worker receives. */
export interface TrainingWorkerRequest {
  rows: readonly TabularRow[];
  options: TrainClassifierOptions;
}

/**
 * Trains in a new worker thread and resolves with the classifier's JSON. The worker ends as
 * soon as it has answered; a crash or an early exit rejects with `TRAINING_FAILED`, and an error
 * thrown while training comes back with its original code.
 *
 * @example
 * ```ts
 * const json = await runTrainingWorker(rows, { target: 'Churn', positive: 'Yes' });
 * ```
 */
export function runTrainingWorker(rows: readonly TabularRow[], options: TrainClassifierOptions): Promise<ClassifierJson> {
  const { entry, workerOptions } = locateTrainingWorker();
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, workerOptions);
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.once('message', (reply: TrainingWorkerReply) => {
      settle(() => {
        if (reply.ok) resolve(reply.json);
        else {
          reject(
            new DriftwatchError({
              code: reply.error.code ?? 'TRAINING_FAILED',
              message: reply.error.message,
              ...(reply.error.details ? { details: reply.error.details } : {}),
            }),
          );
        }
      });
    });
    worker.once('error', (error) => {
      settle(() => reject(new DriftwatchError({ code: 'TRAINING_FAILED', message: `The training worker crashed: ${error.message}`, cause: error })));
    });
    worker.once('exit', (exitCode) => {
      settle(() => reject(new DriftwatchError({ code: 'TRAINING_FAILED', message: `The training worker exited with code ${exitCode} before answering.` })));
    });
    try {
      worker.postMessage({ rows, options } satisfies TrainingWorkerRequest);
    } catch (error) {
      settle(() =>
        reject(new DriftwatchError({ code: 'INVALID_ARGUMENT', message: 'Rows and options must be plain data to reach the training worker.', cause: error })),
      );
    }
  });
}

/**
 * Finds the worker's entry file next to this module. In the built package that is
 * `dist/train-worker.js` (its own tsup entry). When this module runs from its TypeScript source
 * (vitest, tsx), the entry is `train-worker.ts`: the worker then registers tsx before importing
 * it, and resolves workspace packages through their `source` export condition like the parent.
 */
function locateTrainingWorker(): { entry: string | URL; workerOptions: WorkerOptions } {
  const built = new URL('./train-worker.js', import.meta.url);
  // No inherited Node flags: a parent's `--input-type` or development `--conditions` (vitest
  // sets `source`) would break the worker, and training needs none.
  if (existsSync(fileURLToPath(built))) return { entry: built, workerOptions: { execArgv: [] } };
  const source = new URL('./train-worker.ts', import.meta.url);
  if (existsSync(fileURLToPath(source))) {
    let tsxApi: string;
    try {
      tsxApi = tsxEsmApiUrl();
    } catch (error) {
      throw new DriftwatchError({
        code: 'TRAINING_FAILED',
        message: 'Training in a worker from TypeScript sources needs the tsx package; build the package or install tsx.',
        cause: error,
      });
    }
    const bootstrap = [
      `import(${JSON.stringify(tsxApi)})`,
      `.then((api) => { (api.register ?? api.default.register)(); return import(${JSON.stringify(source.href)}); })`,
      `.catch((error) => { process.nextTick(() => { throw error; }); });`,
    ].join('');
    return { entry: bootstrap, workerOptions: { eval: true, execArgv: ['--conditions=source'] } };
  }
  throw new DriftwatchError({ code: 'TRAINING_FAILED', message: `The training worker entry is missing next to ${fileURLToPath(import.meta.url)}.` });
}

/** The ESM build of tsx's `register` API; its CommonJS build cannot register hooks in a worker. */
function tsxEsmApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } }>;
  };
  const entry = manifest.exports['./esm/api']?.import?.default;
  if (!entry) throw new Error('tsx does not export ./esm/api for import.');
  return pathToFileURL(join(dirname(manifestPath), entry)).href;
}
