// `node --expose-gc bench/rotation.mjs <express|fastify> <noop|logistic|forest> <variant> <variant> …`: a
// throughput diagnostic beside bench/run.mjs. The named variants of bench/server.mjs (the first is
// the baseline) run in two server processes each and are measured in rotation at saturation, the
// direction alternating round by round, so that the load of a busy machine hits them all alike.
// Prints, per variant, the server's CPU time per request, the request rate, its ratio to the
// first variant, and each run's rate; writes nothing. For example, the middleware's cost split
// into its parts: `node --expose-gc bench/rotation.mjs fastify noop bare bare-hooks bare-logger middleware`.
import { pathToFileURL } from 'node:url';
import { load, startServer } from './bench-server.mjs';

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
  const totals = Object.fromEntries(variants.map((variant) => [variant, { cpuMicros: 0, requests: 0, seconds: 0, rates: [], failures: 0 }]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    for (const entry of order) {
      const before = await entry.server.cpuMicros();
      const result = await load(entry.server.url, { seconds });
      const total = totals[entry.variant];
      total.cpuMicros += (await entry.server.cpuMicros()) - before;
      total.requests += result.requests;
      total.seconds += result.seconds;
      total.rates.push(result.requestsPerSecond);
      total.failures += result.non2xx;
      entry.requests += result.requests;
      entry.seconds += result.seconds;
    }
  }
  const baseRate = totals[variants[0]].requests / totals[variants[0]].seconds;
  return Object.fromEntries(
    variants.map((variant) => {
      const total = totals[variant];
      const rate = total.requests / total.seconds;
      const processRates = servers.filter((entry) => entry.variant === variant).map((entry) => entry.requests / entry.seconds);
      return [variant, { cpuMicrosPerRequest: total.cpuMicros / total.requests, requestsPerSecond: rate, ratio: rate / baseRate, rates: total.rates, processRates, failures: total.failures }];
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
    for (const variant of variants) for (const server of fleet[variant]) await load(server.url, { seconds: 2 });
    return await measureRotation(fleet, { rounds, seconds });
  } finally {
    for (const variant of variants) for (const server of fleet[variant]) await server.stop();
  }
}

/** Prints what `rotate` measured, a line per variant. */
export function printRotation(results) {
  const baseline = Object.keys(results)[0];
  for (const [variant, result] of Object.entries(results)) {
    const rates = result.rates.map((rate) => (rate / 1000).toFixed(1)).join(' ');
    console.log(
      `${variant.padEnd(18)} ${result.cpuMicrosPerRequest.toFixed(1)} µs CPU per request, ${result.requestsPerSecond.toFixed(0)} requests/s, ` +
        `${result.ratio.toFixed(3)} × ${baseline} (runs, thousand requests/s: ${rates})`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [framework, model, ...variants] = process.argv.slice(2);
  if (framework === undefined || model === undefined || variants.length < 2) {
    console.error('usage: node --expose-gc bench/rotation.mjs <express|fastify> <noop|logistic|forest> <baseline variant> <variant> …');
    process.exit(2);
  }
  printRotation(await rotate(framework, model, variants));
}
