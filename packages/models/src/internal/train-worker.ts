// Entry point of the training worker thread (built by tsup as dist/train-worker.js).
import { parentPort } from 'node:worker_threads';
import { DriftwatchError } from '@driftwatch/drift';
import { fitClassifier } from './fit-classifier.js';
import type { TrainingWorkerReply, TrainingWorkerRequest } from './run-training-worker.js';

parentPort?.once('message', (request: TrainingWorkerRequest) => {
  let reply: TrainingWorkerReply;
  try {
    reply = { ok: true, json: fitClassifier(request.rows, request.options) };
  } catch (error) {
    reply = DriftwatchError.isInstance(error)
      ? { ok: false, error: { code: error.code, message: error.message, details: { ...error.details } } }
      : { ok: false, error: { message: error instanceof Error ? error.message : String(error) } };
  }
  parentPort?.postMessage(reply);
});
