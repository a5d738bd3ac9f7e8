import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DatasetBuilderOptions } from './dataset-builder.js';
import { readDataset, type ReadDatasetResult } from './read-dataset.js';
import { deserializeError, type DatasetWorkerInput, type DatasetWorkerMessage } from './internal/worker-messages.js';

/** Options for {@link readDatasetPair}. */
export interface ReadDatasetPairOptions extends DatasetBuilderOptions {
  referencePath: string;
  currentPath: string;
  /**
   * Read the two files at once in two worker threads. Parsing CSV is CPU-bound, so on two or
   * more cores this nearly halves the wall time. Falls back to reading one after the other in
   * this thread when the built worker script is absent (as when running from source).
   * @default true
   */
  parallel?: boolean;
  /** Called with the size of chunks read from either file, for progress. @default undefined */
  onBytesRead?: (bytes: number) => void;
}

/**
 * Reads the reference and current files into columns, in parallel where possible.
 *
 * @example
 * ```ts
 * import { readDatasetPair } from '@driftwatch/cli';
 * const { reference, current } = await readDatasetPair({ referencePath: 'reference.csv', currentPath: 'current.csv' });
 * console.log(reference.rowCount, current.rowCount);
 * ```
 */
export async function readDatasetPair(
  options: ReadDatasetPairOptions,
): Promise<{ reference: ReadDatasetResult; current: ReadDatasetResult }> {
  const { referencePath, currentPath, parallel = true, onBytesRead, ...builderOptions } = options;
  const workerScript = parallel ? findWorkerScript() : undefined;
  if (workerScript === undefined) {
    const reference = await readDataset({ ...builderOptions, path: referencePath, onBytesRead });
    const current = await readDataset({ ...builderOptions, path: currentPath, onBytesRead });
    return { reference, current };
  }
  const workers: Worker[] = [];
  const read = (path: string) =>
    new Promise<ReadDatasetResult>((resolve, reject) => {
      const input: DatasetWorkerInput = { options: { ...builderOptions, path } };
      const worker = new Worker(workerScript, { workerData: input });
      workers.push(worker);
      let settled = false;
      worker.on('message', (message: DatasetWorkerMessage) => {
        if (message.type === 'bytes') onBytesRead?.(message.bytes);
        else {
          settled = true;
          if (message.type === 'result') resolve(message.result);
          else reject(deserializeError(message.error));
          // Free the worker's heap now rather than when the other file is done.
          void worker.terminate();
        }
      });
      worker.on('error', (error) => {
        settled = true;
        reject(error);
      });
      worker.on('exit', (code) => {
        if (!settled) reject(new Error(`the worker reading ${path} stopped with exit code ${code}`));
      });
    });
  try {
    const [reference, current] = await Promise.all([read(referencePath), read(currentPath)]);
    return { reference, current };
  } finally {
    // A failure on one side must not leave the other worker parsing a large file.
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The built worker script next to this module, or undefined when running from source. */
function findWorkerScript(): URL | undefined {
  const script = new URL('./dataset-worker.js', import.meta.url);
  return script.protocol === 'file:' && existsSync(fileURLToPath(script)) ? script : undefined;
}
