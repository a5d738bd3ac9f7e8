// `node --expose-gc bench/rotation.mjs <express|fastify> <noop|logistic|forest> <variant> <variant> …`: a
// throughput diagnostic beside bench/run.mjs. The named variants of bench/server.mjs (the first is
// the baseline) run in two server processes each and are measured in rotation at saturation, the
// direction alternating round by round, so that the load of a busy machine hits them all alike.
// Prints, per variant, the server's CPU time per request, the request rate, its ratio to the
// first variant, and each run's rate; writes nothing. For example, the middleware's cost split
// into its parts: `node --expose-gc bench/rotation.mjs fastify noop bare bare-hooks bare-logger middleware`.
// `--processes N` (default 2) servers per variant and `--rounds N` (default 12): each process's
// own rate is printed too, so that more processes give a rate whose uncertainty can be read
// off. For example, `--processes 8 --rounds 6 fastify noop bare bare-floor middleware` (about 6
// minutes) compares the middleware with a route that monitors itself by hand.
// `--seconds N` (default 2, whole seconds: autocannon stops on its one-second tick) is how long
// each server is loaded per round; the others stay idle meanwhile, so longer loads weigh what a
// server does on resuming after idle less. `--fresh` measures the other way, for contrast: each
// of the `--processes` servers per variant is started, warmed, loaded once for `--seconds` and
// stopped before the next starts, so that no other server is alive (`--rounds` is then unused).
// For example, `--fresh --processes 6 --seconds 6 fastify noop bare bare-floor middleware`
// (about 4 minutes).
import { pathToFileURL } from 'node:url';
import { load, startServer } from './bench-server.mjs';

/** Each server's load before it is measured, in both the rotation and `--fresh`. */
const warmupSeconds = 2;

/**
 * Measures running servers in rotation at saturation: `fleet` maps each variant to its servers
 * (startServer's handles), the first variant being the baseline. Each round loads every server
 * once for `seconds`, the direction alternating round by round. Rates are totals (all requests
 * over all seconds of a variant), not a median of per-run ratios: single runs on a shared VM
 * move by ±30%, and the total weighs every run and every process alike. Returns
 * { variant: { cpuMicrosPerRequest, requestsPerSecond, ratio, rates, processRates, failures } }, where
 * `processRates` is each process's own total rate (the spread between identical processes).
 */
export async function measureRotation(fleet, { rounds = 12, seconds = 2 } = {}) {
  const variants = Object.keys(fleet);
  const servers = [];
  const processes = Math.max(...variants.map((variant) => fleet[variant].length));
  for (let index = 0; index < processes; index++) {
    for (const variant of variants) if (index < fleet[variant].length) servers.push({ variant, server: fleet[variant][index], requests: 0, seconds: 0 });
  }
  const totals = emptyTotals(variants);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    for (const entry of order) {
      const result = await measureLoad(entry.server, seconds, totals[entry.variant]);
      entry.requests += result.requests;
      entry.seconds += result.seconds;
    }
  }
  return summarize(totals, (variant) => servers.filter((entry) => entry.variant === variant).map((entry) => entry.requests / entry.seconds));
}

function emptyTotals(variants) {
  return Object.fromEntries(variants.map((variant) => [variant, { cpuMicros: 0, requests: 0, seconds: 0, rates: [], failures: 0 }]));
}

/** Loads `server` for `seconds` and adds what it served, and the CPU time it took, to `total`. */
async function measureLoad(server, seconds, total) {
  const before = await server.cpuMicros();
  const result = await load(server.url, { seconds });
  total.cpuMicros += (await server.cpuMicros()) - before;
  total.requests += result.requests;
  total.seconds += result.seconds;
  total.rates.push(result.requestsPerSecond);
  total.failures += result.non2xx;
  return result;
}

/** Per variant, the result of {@link measureRotation} from its totals (the first variant is the baseline). */
function summarize(totals, processRatesOf) {
  const variants = Object.keys(totals);
  const baseRate = totals[variants[0]].requests / totals[variants[0]].seconds;
  return Object.fromEntries(
    variants.map((variant) => {
      const total = totals[variant];
      const rate = total.requests / total.seconds;
      return [
        variant,
        { cpuMicrosPerRequest: total.cpuMicros / total.requests, requestsPerSecond: rate, ratio: rate / baseRate, rates: total.rates, processRates: processRatesOf(variant), failures: total.failures },
      ];
    }),
  );
}

/** Starts `processesPerVariant` servers of each of `variants`, warms them, measures them with {@link measureRotation}, and stops them. */
export async function rotate(framework, model, variants, { processesPerVariant = 2, rounds = 12, seconds = 2 } = {}) {
  const fleet = Object.fromEntries(variants.map((variant) => [variant, []]));
  try {
    for (let index = 0; index < processesPerVariant; index++) {
      for (const variant of variants) fleet[variant].push(await startServer(framework, variant, model));
    }
    for (const variant of variants) for (const server of fleet[variant]) await load(server.url, { seconds: warmupSeconds });
    return await measureRotation(fleet, { rounds, seconds });
  } finally {
    for (const variant of variants) for (const server of fleet[variant]) await server.stop();
  }
}

/**
 * The contrast to {@link rotate}: each load on a server started for it, warmed as there and
 * stopped after, with no other server alive. `processesPerVariant` servers of each variant, one
 * after another, the order of the variants alternating. Returns what {@link measureRotation} does.
 */
export async function measureFresh(framework, model, variants, { processesPerVariant = 2, seconds = 2 } = {}) {
  const totals = emptyTotals(variants);
  for (let index = 0; index < processesPerVariant; index++) {
    for (const variant of index % 2 === 0 ? variants : [...variants].reverse()) {
      const server = await startServer(framework, variant, model);
      try {
        await load(server.url, { seconds: warmupSeconds });
        await measureLoad(server, seconds, totals[variant]);
      } finally {
        await server.stop();
      }
    }
  }
  // One load per process: each process's rate is its one run's.
  return summarize(totals, (variant) => totals[variant].rates);
}

function mean(values) {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function standardDeviation(values) {
  if (values.length < 2) return Number.NaN;
  const average = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1));
}

/**
 * Prints what `rotate` measured, a line per variant: then, per variant, each server process's
 * own rate, with their standard deviation. The processes of one variant differ by how the JIT
 * compiled each (up to ±8% here), so this spread, divided by the square root of the number of
 * processes, is roughly the uncertainty of the variant's rate.
 */
export function printRotation(results) {
  const baseline = Object.keys(results)[0];
  for (const [variant, result] of Object.entries(results)) {
    const rates = result.rates.map((rate) => (rate / 1000).toFixed(1)).join(' ');
    console.log(
      `${variant.padEnd(18)} ${result.cpuMicrosPerRequest.toFixed(1)} µs CPU per request, ${result.requestsPerSecond.toFixed(0)} requests/s, ` +
        `${result.ratio.toFixed(3)} × ${baseline} (runs, thousand requests/s: ${rates})`,
    );
  }
  for (const [variant, result] of Object.entries(results)) {
    const rates = result.processRates.map((rate) => rate / 1000);
    const spread = standardDeviation(rates);
    console.log(
      `${variant.padEnd(18)} per process, thousand requests/s: ${rates.map((rate) => rate.toFixed(1)).join(' ')}; ` +
        `standard deviation ${Number.isNaN(spread) ? 'n/a' : `${spread.toFixed(1)} (${((100 * spread) / mean(rates)).toFixed(1)}%)`}`,
    );
  }
}

/** `--name value` from the arguments, as a positive whole number; `fallback` when absent. */
function countOption(argv, name, fallback) {
  const at = argv.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} takes a positive whole number`);
    process.exit(2);
  }
  argv.splice(at, 2);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const processesPerVariant = countOption(argv, '--processes', 2);
  const rounds = countOption(argv, '--rounds', 12);
  const seconds = countOption(argv, '--seconds', 2);
  const fresh = argv.includes('--fresh');
  if (fresh) argv.splice(argv.indexOf('--fresh'), 1);
  const [framework, model, ...variants] = argv;
  if (framework === undefined || model === undefined || variants.length < 2) {
    console.error(
      'usage: node --expose-gc bench/rotation.mjs [--processes N] [--rounds N] [--seconds N] [--fresh] <express|fastify> <noop|logistic|forest> <baseline variant> <variant> …',
    );
    process.exit(2);
  }
  printRotation(
    fresh ? await measureFresh(framework, model, variants, { processesPerVariant, seconds }) : await rotate(framework, model, variants, { processesPerVariant, rounds, seconds }),
  );
}
