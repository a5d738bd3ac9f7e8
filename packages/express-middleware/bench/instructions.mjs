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
// estimate, which weighs every cache miss and mispredicted branch too. `--by-function` also
// prints where the variants differ, function by function: each function's own instructions per
// request (JavaScript functions named through Node's `--perf-basic-prof` map of the JIT's code,
// V8's builtins and C++ by their symbols), the first variant's against each later one's, the
// largest differences first:
//   node bench/instructions.mjs --by-function fastify bare middleware
// The compiler's own work (V8's `compiler::` functions, in the JIT's background threads) shows
// there too: it runs in the counted window in some runs and not in others, so each difference is
// also given without it. `bare-hooks` and
// `bare-logger` are the bare route plus one of the two parts the middleware cannot do without
// (its hooks with the prediction id header; logging through the core logger), which shows what
// part of the middleware's cost is its own. `bare-floor` is the bare route with both done by
// hand in its handler (logging, and the id it returns in the header): the monitoring
// without the middleware's wrapper, hook and exchange.
//
// For each framework, the bench server (bench/server.mjs, no-op model) runs under callgrind with
// instrumentation off; 40,000 requests warm it up (the JIT compiles the hot path), then 10,000
// requests are counted, over 10 keep-alive connections from node:http in this process. Reported:
// instructions per request with and without the middleware, all threads of the server included
// (the garbage collector's helpers too). Needs valgrind (Debian: `apt-get install valgrind`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { churnFeatures } from '../../../scripts/bench/churn-features.mjs';
import { report } from '../../../scripts/bench/harness.mjs';
import { garbageCollectorCode } from './v8-frames.mjs';

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
async function countPerRequest(framework, variant, { cacheSimulation = false, cycleEstimate = false, byFunction = false } = {}) {
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
      ...(byFunction ? ['--perf-basic-prof'] : []),
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
    const functions = byFunction ? instructionsByFunction(directory, child.pid) : undefined;
    // Callgrind's cycle estimate (as KCachegrind computes it): an instruction costs 1, a
    // first-level cache miss or a mispredicted branch 10, a last-level miss 100.
    const cycles =
      count('Ir') +
      10 * (count('I1mr') + count('D1mr') + count('D1mw') + count('Bcm') + count('Bim')) +
      100 * (count('ILmr') + count('DLmr') + count('DLmw'));
    return { instructions: count('Ir') / countedRequests, instructionCacheMisses: count('I1mr') / countedRequests, estimatedCycles: cycles / countedRequests, functions };
  } finally {
    child.kill('SIGKILL');
    rmSync(directory, { recursive: true, force: true });
    rmSync(perfMapOf(child.pid), { force: true });
  }
}

function perfMapOf(pid) {
  return join(tmpdir(), `perf-${pid}.map`);
}

/**
 * Each function's own (exclusive) instructions per request in a callgrind dump, from
 * `callgrind_annotate`. Callgrind knows the JIT's code only by address; Node's `--perf-basic-prof`
 * map names it (`JS:*admit file:///…/chunk.js:831:17`, `*` for optimized code, `^` for baseline).
 * A name keeps its function and file, not its position or tier, so that the same function in two
 * processes compares.
 */
function instructionsByFunction(directory, pid) {
  const ranges = existsSync(perfMapOf(pid))
    ? readFileSync(perfMapOf(pid), 'utf8')
        .trim()
        .split('\n')
        .map((line) => {
          const [start, size, ...name] = line.split(' ');
          return { start: Number.parseInt(start, 16), end: Number.parseInt(start, 16) + Number.parseInt(size, 16), name: name.join(' ') };
        })
        .sort((left, right) => left.start - right.start)
    : [];
  const nameAt = (address) => {
    let low = 0;
    let high = ranges.length - 1;
    let found;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (ranges[middle].start <= address) {
        found = ranges[middle];
        low = middle + 1;
      } else high = middle - 1;
    }
    return found !== undefined && address < found.end ? found.name : 'JIT code not in the perf map';
  };
  const byName = new Map();
  for (const file of readdirSync(directory)) {
    const annotated = spawnSync('callgrind_annotate', ['--threshold=100', '--inclusive=no', join(directory, file)], { encoding: 'utf8', maxBuffer: 2 ** 28 });
    if (annotated.status !== 0) throw new Error(`callgrind_annotate failed: ${annotated.stderr}`);
    for (const line of annotated.stdout.split('\n')) {
      // `  1,234,567 ( 0.88%)  file:function [object]`
      const match = /^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(\S.*?)(?: \[.*\])?$/.exec(line);
      if (match === null || match[2].startsWith('PROGRAM TOTALS') || !match[2].includes(':')) continue;
      const location = match[2];
      const unknown = /^\?\?\?:0x([0-9a-f]+)/.exec(location);
      const raw = unknown !== null ? nameAt(Number.parseInt(unknown[1], 16)) : location.slice(location.indexOf(':') + 1);
      const name = raw
        .replace(/^(?:JS|Function|LazyCompile|Script|Builtin|RegExp):[*~^+]?/, (prefix) => (prefix.startsWith('RegExp') ? 'RegExp:' : ''))
        .replace(/:\d+:\d+$/, '')
        .replace(/ (?:file:\/\/)?\/\S*\/node_modules\//, ' ')
        .replace(/ (?:file:\/\/)?\/\S*?\/packages\//, ' packages/');
      byName.set(name, (byName.get(name) ?? 0) + Number(match[1].replaceAll(',', '')) / countedRequests);
    }
  }
  return byName;
}

/**
 * Rough kinds of code, by name, for the summary of a difference: the first pattern a function's
 * name matches decides. Heuristic: the names are V8's, Node's and the packages' own, and change
 * with their versions; a function none matches counts as `other`.
 */
const compilerKind = 'V8 compiler (background threads)';
const kinds = [
  [compilerKind, /compiler::|turboshaft|maglev|baseline::|GraphReducer|RegisterAllocat|InstructionSelector/],
  ['garbage collection', garbageCollectorCode],
  ['response header checks and writing (Node, Fastify)', /RegExp|StringToLowerCase|_storeHeader|WriteToFlat|StringAdd|processHeader|setHeader/],
  ['prediction id', /createPredictionId|writeTimePrefix|StringSlice|node:buffer|ParseArrayIndex|StringBytes::Encode|ArrayBufferView/],
  ['core logger and window profiles', /packages\/core\/dist|packages\/drift\/dist|Date|ieee754/],
  ['the middleware (Fastify plugin, pipeline)', /packages\/express-middleware\/dist|CloneObjectIC/],
  ['the bench route', /bench\/server\.mjs/],
  ['Fastify', /fastify\//],
  ['zod', /zod\//],
  ['property access through inline-cache builtins (any caller)', /Builtins_(Keyed)?(Load|Store)IC|HasOwnProperty|ObjectHasOwn/],
];

/** Prints where `other` differs from `base`: by kind of code, then the functions that differ most. */
function printDifference(framework, baseVariant, base, otherVariant, other, limit = 40) {
  const names = new Set([...base.functions.keys(), ...other.functions.keys()]);
  const rows = [...names]
    .map((name) => ({ name, base: base.functions.get(name) ?? 0, other: other.functions.get(name) ?? 0 }))
    .map((row) => ({ ...row, difference: row.other - row.base }))
    .sort((left, right) => Math.abs(right.difference) - Math.abs(left.difference));
  const byKind = new Map();
  for (const row of rows) {
    const kind = kinds.find(([, pattern]) => pattern.test(row.name))?.[0] ?? 'other';
    byKind.set(kind, (byKind.get(kind) ?? 0) + row.difference);
  }
  // The JIT recompiles in the counted window in some runs and not in others (0.1k to 8.6k
  // instructions per request of difference, run to run): the figure without it compares runs.
  const signed = (value) => `${value >= 0 ? '+' : ''}${value.toFixed(0)}`;
  const total = other.instructions - base.instructions;
  const compiler = byKind.get(compilerKind) ?? 0;
  console.log(`\n${framework} ${otherVariant} against ${baseVariant}: ${signed(total)} instructions per request, ${signed(total - compiler)} without the V8 compiler's. By kind of code:`);
  for (const [kind, difference] of [...byKind].sort((left, right) => right[1] - left[1])) console.log(`${difference.toFixed(0).padStart(10)}  ${kind}`);
  console.log(`The ${limit} largest differences, function by function:`);
  console.log(`${'difference'.padStart(10)} ${baseVariant.padStart(10)} ${otherVariant.padStart(10)}  function`);
  for (const row of rows.slice(0, limit)) {
    console.log(`${row.difference.toFixed(0).padStart(10)} ${row.base.toFixed(0).padStart(10)} ${row.other.toFixed(0).padStart(10)}  ${row.name}`);
  }
}

// With arguments (`node bench/instructions.mjs [--cache-sim] fastify bare distinct-code60 …`):
// counts those variants of bench/server.mjs on that framework, prints them, and writes nothing.
// `--cache-sim` adds the instruction cache misses (about twice as slow).
// `--cycles` adds callgrind's cycle estimate, which also weighs data cache misses and
// mispredicted branches (branch simulation too: about three times as slow as plain counting).
const cycleEstimate = process.argv.includes('--cycles');
const byFunction = process.argv.includes('--by-function');
// The cycle estimate weighs cache misses, so it simulates the cache too.
const cacheSimulation = cycleEstimate || process.argv.includes('--cache-sim');
const [onlyFramework, ...onlyVariants] = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
if (onlyFramework !== undefined) {
  const counted = [];
  for (const variant of onlyVariants) {
    const counts = await countPerRequest(onlyFramework, variant, { cacheSimulation, cycleEstimate, byFunction });
    counted.push({ variant, counts });
    const misses = cacheSimulation ? `, ${counts.instructionCacheMisses.toFixed(0)} instruction cache misses` : '';
    const cycles = cycleEstimate ? `, ${counts.estimatedCycles.toFixed(0)} estimated cycles` : '';
    console.log(`${onlyFramework} ${variant}: ${counts.instructions.toFixed(0)} instructions${misses}${cycles} per request`);
  }
  if (byFunction) {
    for (const { variant, counts } of counted.slice(1)) printDifference(onlyFramework, counted[0].variant, counted[0].counts, variant, counts);
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
