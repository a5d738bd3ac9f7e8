// `npm run bench:instructions -w @driftwatch/express-middleware`: what the middleware costs a
// route in CPU instructions, counted by valgrind's callgrind rather than timed.
//
// The throughput benchmark (bench/run.mjs) runs autocannon and the server on the same small
// machine, where every microsecond the server adds also costs kernel time and wake-ups on the
// client side, and the ratio moves by several points between runs. An instruction count is
// repeatable to a few percent on a quiet machine (the middleware's Fastify route counted 139.0k
// and 146.2k per request in two runs of one build: when the JIT's optimized code is installed
// varies), so it shows what a change to the request path adds or saves beyond that. Not on a
// busy one: the server runs some 50× slower under valgrind, and its timers (the logger's tick)
// and the JIT's background compilation then land differently (one build counted 186.6k beside a
// CI run, 140.5k alone).
//
// With arguments it counts the named variants of bench/server.mjs instead, and writes nothing:
//   node bench/instructions.mjs [--cache-sim] [--cycles] fastify bare bare-hooks bare-logger middleware
// `--cache-sim` adds first-level instruction cache misses; `--cycles` adds callgrind's cycle
// estimate, which weighs every cache miss and mispredicted branch too. `bare-hooks` and
// `bare-logger` are the bare route plus one of the two parts the middleware cannot do without
// (its hooks with the prediction id header; logging through the core logger), which shows what
// part of the middleware's cost is its own.
//
// For each framework, the bench server (bench/server.mjs, no-op model) runs under callgrind with
// instrumentation off; 40,000 requests warm it up (the JIT compiles the hot path), then 10,000
// requests are counted, over 10 keep-alive connections from node:http in this process. Reported:
// instructions per request with and without the middleware, all threads of the server included
// (the garbage collector's helpers too). Needs valgrind (Debian: `apt-get install valgrind`).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { churnFeatures } from '../../../scripts/bench/churn-features.mjs';
import { report } from '../../../scripts/bench/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const warmupRequests = 40_000;
const countedRequests = 10_000;
const connections = 10;

if (spawnSync('valgrind', ['--version']).status !== 0 || spawnSync('callgrind_control', ['--version']).status !== 0) {
  console.log('bench:instructions skipped: valgrind (with callgrind_control) is not installed.');
  process.exit(0);
}

const body = JSON.stringify(churnFeatures);

/** Sends `count` POSTs over `connections` keep-alive connections; resolves when all answered 200. */
function send(port, count) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  let started = 0;
  let answered = 0;
  return new Promise((resolve, reject) => {
    const next = () => {
      if (started >= count) return;
      started++;
      const request = http.request(
        { host: '127.0.0.1', port, path: '/predict', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (response) => {
          if (response.statusCode !== 200) return reject(new Error(`status ${response.statusCode}`));
          response.resume();
          response.on('end', () => {
            answered++;
            if (answered === count) resolve();
            else next();
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    };
    for (let index = 0; index < connections; index++) next();
  }).finally(() => agent.destroy());
}

function callgrindControl(...parameters) {
  const result = spawnSync('callgrind_control', parameters, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`callgrind_control ${parameters.join(' ')} failed: ${result.stderr}`);
}

/**
 * Per request: `instructions`, and with `cacheSimulation` also `instructionCacheMisses`, the
 * first-level instruction cache misses of callgrind's cache simulation (`--cache-sim=yes`, a
 * cache the size of this machine's). The bare Fastify route misses about 5,600 times per
 * request, so nearly every line of code a request runs is a miss: the count is a measure of how
 * much distinct code a request walks through, which is what costs throughput here.
 */
async function countPerRequest(framework, variant, cacheSimulation = false, cycleEstimate = false) {
  const directory = mkdtempSync(join(tmpdir(), 'driftwatch-callgrind-'));
  const child = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      '--smc-check=all-non-file',
      '--instr-atstart=no',
      ...(cacheSimulation ? ['--cache-sim=yes'] : []),
      ...(cycleEstimate ? ['--branch-sim=yes'] : []),
      `--callgrind-out-file=${join(directory, 'callgrind.%p')}`,
      process.execPath,
      join(here, 'server.mjs'),
      framework,
      variant,
      'noop',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  try {
    const port = await new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the server under valgrind exited with ${code}: ${stderr.slice(-2000)}`)));
      child.on('message', (message) => {
        if (message.type === 'ready') resolve(message.port);
      });
    });
    await send(port, warmupRequests);
    callgrindControl('-i', 'on', String(child.pid));
    await send(port, countedRequests);
    callgrindControl('-i', 'off', String(child.pid));
    callgrindControl('-d', String(child.pid));
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send('stop');
    await exited;
    // A dump states its counts (one per event, in the order of its `events:` line) as `summary:`
    // and `totals:`; either may be 0 in a part file.
    const totals = {};
    for (const file of readdirSync(directory)) {
      const text = readFileSync(join(directory, file), 'utf8');
      const events = /^events:\s+(.*)$/m.exec(text)?.[1].trim().split(/\s+/) ?? ['Ir'];
      let best = [];
      for (const match of text.matchAll(/^(?:summary|totals):\s+(.*)$/gm)) {
        const counts = match[1].trim().split(/\s+/).map(Number);
        if ((counts[0] ?? 0) > (best[0] ?? 0)) best = counts;
      }
      events.forEach((event, index) => {
        totals[event] = (totals[event] ?? 0) + (best[index] ?? 0);
      });
    }
    const count = (event) => totals[event] ?? 0;
    if (count('Ir') === 0) throw new Error(`callgrind counted nothing: ${stderr.slice(-2000)}`);
    // Callgrind's cycle estimate (as KCachegrind computes it): an instruction costs 1, a
    // first-level cache miss or a mispredicted branch 10, a last-level miss 100.
    const cycles =
      count('Ir') +
      10 * (count('I1mr') + count('D1mr') + count('D1mw') + count('Bcm') + count('Bim')) +
      100 * (count('ILmr') + count('DLmr') + count('DLmw'));
    return { instructions: count('Ir') / countedRequests, instructionCacheMisses: count('I1mr') / countedRequests, estimatedCycles: cycles / countedRequests };
  } finally {
    child.kill('SIGKILL');
    rmSync(directory, { recursive: true, force: true });
  }
}

// With arguments (`node bench/instructions.mjs [--cache-sim] fastify bare distinct-code60 …`):
// counts those variants of bench/server.mjs on that framework, prints them, and writes nothing.
// `--cache-sim` adds the instruction cache misses (about twice as slow).
// `--cycles` adds callgrind's cycle estimate, which also weighs data cache misses and
// mispredicted branches (branch simulation too: about three times as slow as plain counting).
const cycleEstimate = process.argv.includes('--cycles');
// The cycle estimate weighs cache misses, so it simulates the cache too.
const cacheSimulation = cycleEstimate || process.argv.includes('--cache-sim');
const [onlyFramework, ...onlyVariants] = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
if (onlyFramework !== undefined) {
  for (const variant of onlyVariants) {
    const counts = await countPerRequest(onlyFramework, variant, cacheSimulation, cycleEstimate);
    const misses = cacheSimulation ? `, ${counts.instructionCacheMisses.toFixed(0)} instruction cache misses` : '';
    const cycles = cycleEstimate ? `, ${counts.estimatedCycles.toFixed(0)} estimated cycles` : '';
    console.log(`${onlyFramework} ${variant}: ${counts.instructions.toFixed(0)} instructions${misses}${cycles} per request`);
  }
  process.exit(0);
}

const rows = [];
for (const framework of ['fastify', 'express']) {
  const bare = (await countPerRequest(framework, 'bare')).instructions;
  const middleware = (await countPerRequest(framework, 'middleware')).instructions;
  rows.push({
    name: `${framework}: instructions per request with the middleware`,
    value: middleware,
    unit: 'instructions',
    baseline: { name: `${framework} bare route`, value: bare, unit: 'instructions' },
    ratio: middleware / bare,
  });
}
report('express-middleware-instructions', rows, {
  method: `callgrind instruction counts of the bench server (no-op model, no-op store), all threads; ${warmupRequests.toLocaleString('en-US')} warm-up requests, then ${countedRequests.toLocaleString('en-US')} counted over ${connections} keep-alive connections`,
});
