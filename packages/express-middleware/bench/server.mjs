// The server side of bench/run.mjs, in a child process so that autocannon's load generation
// does not share its event loop. Usage (forked with IPC): node --expose-gc server.mjs <express|fastify> <bare|middleware>
// It answers IPC messages: 'memory' (GC twice, then memoryUsage and the middleware's counters), 'cpu'
// (process.cpuUsage()) and 'stop'.
import { createServer } from 'node:http';
import express from 'express';
import Fastify from 'fastify';
import { z } from 'zod';
import { createDriftwatchMiddleware } from '../dist/index.js';
import { driftwatchFastify } from '../dist/fastify.js';
import { noopEventStore as noopStore } from '../../../scripts/bench/noop-event-store.mjs';

const [framework, variant] = process.argv.slice(2);
const monitored = variant === 'middleware';


// The churn model's ten features, validated as a real route would: by the middleware's schema in
// the monitored variant, by the handler in the bare one, so that the comparison is like for like.
const schema = z.object({
  tenure: z.number(),
  MonthlyCharges: z.number(),
  TotalCharges: z.number(),
  SeniorCitizen: z.number(),
  Contract: z.string(),
  InternetService: z.string(),
  PaymentMethod: z.string(),
  PaperlessBilling: z.string(),
  TechSupport: z.string(),
  gender: z.string(),
});

/** A fast "model": the bench measures what the middleware adds around it. */
function score(body) {
  const value = Math.min(1, (Number(body.MonthlyCharges) / 120) * (body.Contract === 'Month-to-month' ? 1 : 0.4));
  return { label: value > 0.5 ? 'Yes' : 'No', score: value };
}

const config = { modelName: 'churn', modelVersion: '3', store: noopStore, schema, onError: () => {} };
let counters = () => undefined;
let server;

if (framework === 'express') {
  const app = express();
  app.disable('x-powered-by');
  if (monitored) {
    const driftwatch = createDriftwatchMiddleware(config);
    counters = () => driftwatch.counters;
    app.post('/predict', express.json(), driftwatch, (request, response) => response.json(score(request.body)));
  } else {
    app.post('/predict', express.json(), (request, response) => {
      const parsed = schema.safeParse(request.body);
      if (!parsed.success) return response.status(422).json({ issues: parsed.error.issues });
      response.json(score(parsed.data));
    });
  }
  server = createServer(app);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
} else {
  const app = Fastify({ logger: false });
  if (monitored) {
    await app.register(driftwatchFastify, config);
    counters = () => app.driftwatch.counters;
  }
  if (monitored) {
    app.post('/predict', { config: { driftwatch: true } }, async (request) => score(request.body));
  } else if (variant === 'noop-hooks') {
    const header = (request, reply, done) => { reply.header('x-prediction-id', '01a215f5-ed3c-703e-a9ae-3dcd165b49a8'); done(); };
    const pass = (request, reply, payload, done) => done(null, payload);
    app.post('/predict', { preValidation: [header], preSerialization: [pass], onSend: [pass] }, async (request, reply) => {
      const parsed = schema.safeParse(request.body);
      if (!parsed.success) return reply.code(422).send({ issues: parsed.error.issues });
      return score(parsed.data);
    });
  } else {
    app.post('/predict', async (request, reply) => {
      const parsed = schema.safeParse(request.body);
      if (!parsed.success) return reply.code(422).send({ issues: parsed.error.issues });
      return score(parsed.data);
    });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  server = app.server;
}

process.on('message', (message) => {
  if (message === 'memory') {
    globalThis.gc?.();
    globalThis.gc?.();
    process.send({ type: 'memory', memory: process.memoryUsage(), counters: counters() });
  } else if (message === 'cpu') {
    process.send({ type: 'cpu', cpu: process.cpuUsage() });
  } else if (message === 'stop') {
    process.exit(0);
  }
});
process.send({ type: 'ready', port: server.address().port });
