// The server side of bench/run.mjs, in a child process so that autocannon's load generation
// does not share its event loop. Usage (forked with IPC):
//   node --expose-gc server.mjs <express|fastify> <bare|middleware|bare-hooks|bare-logger|same-codeN|distinct-codeN> [noop|logistic|forest]
// The model: `noop` (default) is a formula of two features, so that the route costs only the
// framework's own work; `logistic` and `forest` are @driftwatch/models' logistic regression (the
// cheapest learner it has) and default forest (100 trees), trained on the Telco churn training
// split (synthetic Telco-shaped rows when ../shared is missing), scoring one row per request as a
// real /predict route does.
// It answers IPC messages: 'memory' (GC twice, then memoryUsage and the middleware's counters), 'rss'
// (the resident set now, no GC), 'cpu'
// (process.cpuUsage()) and 'stop'.
import { createServer } from 'node:http';
import express from 'express';
import Fastify from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { createPredictionId, createPredictionLogger } from '@driftwatch/core';
import { trainClassifier } from '@driftwatch/models';
import { performance } from 'node:perf_hooks';
import { createDriftwatchMiddleware } from '../dist/index.js';
import { driftwatchFastify } from '../dist/fastify.js';
import { noopEventStore as noopStore } from '../../../scripts/bench/noop-event-store.mjs';
import { seededUniform } from '../../../scripts/bench/harness.mjs';

const [framework, variant, model = 'noop'] = process.argv.slice(2);
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

/** The `noop` model: the bench then measures what the middleware adds around the framework alone. */
function noopScore(body) {
  const value = Math.min(1, (Number(body.MonthlyCharges) / 120) * (body.Contract === 'Month-to-month' ? 1 : 0.4));
  return { label: value > 0.5 ? 'Yes' : 'No', score: value };
}

const featureNames = Object.keys(schema.shape);
const numericFeatures = new Set(['tenure', 'MonthlyCharges', 'TotalCharges', 'SeniorCitizen']);

/** Training rows of the ten features and the label: the Telco training split, or synthetic rows of the same shape. */
function trainingRows() {
  const directory = new URL('../../../../shared/data/telco-churn/', import.meta.url).pathname;
  if (existsSync(`${directory}telco.csv`) && existsSync(`${directory}split-seed42.json`)) {
    const lines = readFileSync(`${directory}telco.csv`, 'utf8').trimEnd().split('\n');
    const header = lines[0].split(',');
    const all = lines.slice(1).map((line) => {
      const cells = line.split(',');
      const row = { Churn: cells[header.indexOf('Churn')] };
      for (const name of featureNames) {
        const cell = cells[header.indexOf(name)].trim();
        row[name] = numericFeatures.has(name) ? (cell === '' ? undefined : Number(cell)) : cell;
      }
      return row;
    });
    return JSON.parse(readFileSync(`${directory}split-seed42.json`, 'utf8')).train.map((index) => all[index]);
  }
  const random = seededUniform(42);
  const pick = (values) => values[Math.floor(random() * values.length)];
  return Array.from({ length: 5634 }, () => {
    const tenure = Math.floor(random() * 72);
    const monthly = 20 + random() * 100;
    const contract = pick(['Month-to-month', 'One year', 'Two year']);
    const internet = pick(['DSL', 'Fiber optic', 'No']);
    const risk = -tenure / 20 + (contract === 'Month-to-month' ? 1.5 : -1) + (internet === 'Fiber optic' ? 0.8 : 0) + monthly / 80 + (random() - 0.5) * 3;
    return {
      tenure,
      MonthlyCharges: monthly,
      TotalCharges: tenure * monthly,
      SeniorCitizen: random() < 0.16 ? 1 : 0,
      Contract: contract,
      InternetService: internet,
      PaymentMethod: pick(['Electronic check', 'Mailed check', 'Bank transfer (automatic)', 'Credit card (automatic)']),
      PaperlessBilling: pick(['Yes', 'No']),
      TechSupport: pick(['Yes', 'No', 'No internet service']),
      gender: pick(['Female', 'Male']),
      Churn: risk > 0.8 ? 'Yes' : 'No',
    };
  });
}

async function learnedScore(flavor) {
  const classifier = await trainClassifier(trainingRows(), { target: 'Churn', positive: 'Yes', flavor, seed: 42 });
  return (body) => {
    const value = classifier.predictProba([body])[0];
    return { label: value > 0.5 ? 'Yes' : 'No', score: value };
  };
}

const score = model === 'noop' ? noopScore : await learnedScore(model);

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
  } else if (variant === 'bare-hooks' || variant === 'bare-logger' || variant === 'bare-floor') {
    // Diagnostic variants of the bare route (bench/instructions.mjs, bench/rotation.mjs): the
    // first two each add one of the two parts the middleware cannot do without, and nothing
    // else; the third adds both, as a route would that monitored itself by hand.
    //   bare-hooks: the plugin's shape alone. A wrapper around the handler makes a prediction id,
    //   sends it in a header, puts an object on a request decorator and keeps the value the
    //   handler resolves to; an onSend hook reads that object. No logging.
    //   bare-logger: the logging alone. The handler logs each prediction (a copy of the validated
    //   features, the prediction, the latency) through the same default logger the middleware
    //   creates, with no wrapper, hook or header.
    //   bare-floor: about the least a route can do for the issue's monitoring of a successful
    //   request: bare-logger, plus the id the logger returns sent in the response header, written
    //   by hand in the handler (no wrapper, hook, decorator or captured response; no error path,
    //   no count of invalid bodies).
    const logger = variant === 'bare-logger' || variant === 'bare-floor' ? createPredictionLogger({ store: noopStore, onError: () => {} }) : undefined;
    const sendsPredictionId = variant === 'bare-floor';
    const options = {};
    if (variant === 'bare-hooks') {
      app.decorateRequest('diagnostic', null);
      options.onSend = (request, _reply, payload, done) => {
        request.diagnostic.sent = payload;
        done(null, payload);
      };
    }
    const route = async (request, reply) => {
      const startedAt = logger === undefined ? 0 : performance.now();
      const parsed = schema.safeParse(request.body);
      if (!parsed.success) return reply.code(422).send({ issues: parsed.error.issues });
      const prediction = score(parsed.data);
      const predictionId = logger?.log({ modelName: 'churn', modelVersion: '3', features: { ...parsed.data }, prediction, latencyMillis: performance.now() - startedAt });
      if (sendsPredictionId) reply.header('x-prediction-id', predictionId);
      return prediction;
    };
    const handler =
      logger === undefined
        ? function wrapped(request, reply) {
            const context = { predictionId: createPredictionId(), answer: undefined, sent: undefined };
            request.diagnostic = context;
            reply.header('x-prediction-id', context.predictionId);
            const result = route.call(this, request, reply);
            result.then((answer) => {
              context.answer = answer;
            });
            return result;
          }
        : route;
    app.post('/predict', options, handler);
  } else if (/^(same|distinct)-code\d+$/.test(variant)) {
    // Diagnostic variants of the bare route (bench/code-footprint.mjs): it also runs `count` small
    // generated functions per request, either one function `count` times (`same-code60`) or
    // `count` different functions once each (`distinct-code60`): the same instructions, from one
    // copy of the code or from many.
    const count = Number(/\d+$/.exec(variant)[0]);
    const source = (k) =>
      `let s = ${k}; for (let i = 0; i < o.length; i++) { const v = o[i]; if (typeof v === 'number') s = (s * 31 + v * ${k + 1}) | 0; ` +
      `else if (typeof v === 'string') s = (s + v.length * ${k + 3}) | 0; else s ^= ${k}; } o.r${k % 7} = s; return s;`;
    const one = new Function('o', source(1));
    const functions = Array.from({ length: count }, (_, k) => (variant.startsWith('same') ? one : new Function('o', source(k))));
    app.post('/predict', async (request, reply) => {
      const parsed = schema.safeParse(request.body);
      if (!parsed.success) return reply.code(422).send({ issues: parsed.error.issues });
      const values = [1, 'ab', 3.5, 'cde', 7, 9, 'x', 11];
      let sum = 0;
      for (let k = 0; k < functions.length; k++) sum += functions[k](values);
      if (sum === 0.5) console.log('unreachable: keeps the calls from being optimized away');
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
  } else if (message === 'rss') {
    process.send({ type: 'rss', rss: process.memoryUsage.rss() });
  } else if (message === 'cpu') {
    process.send({ type: 'cpu', cpu: process.cpuUsage() });
  } else if (message === 'stop') {
    process.exit(0);
  }
});
process.send({ type: 'ready', port: server.address().port });
