// Worker-thread entry: reads one file with readDataset and moves the columns to the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { readDataset } from './read-dataset.js';
import { serializeError, transferables, type DatasetWorkerInput, type DatasetWorkerMessage } from './internal/worker-messages.js';

const progressIntervalMillis = 100;

async function main(): Promise<void> {
  const port = parentPort!;
  const { options } = workerData as DatasetWorkerInput;
  let pending = 0;
  let lastPost = Date.now();
  const post = (message: DatasetWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  try {
    const result = await readDataset({
      ...options,
      onBytesRead: (bytes) => {
        pending += bytes;
        const now = Date.now();
        if (now - lastPost >= progressIntervalMillis) {
          post({ type: 'bytes', bytes: pending });
          pending = 0;
          lastPost = now;
        }
      },
    });
    if (pending > 0) post({ type: 'bytes', bytes: pending });
    post({ type: 'result', result }, transferables(result));
  } catch (error) {
    post({ type: 'error', error: serializeError(error) });
  }
}

void main();
