// `node --expose-gc bench/rotation.mjs <express|fastify> <noop|forest> <variant> <variant> …`: a
// throughput diagnostic beside bench/run.mjs. The named variants of bench/server.mjs (the first is
// the baseline) run in two server processes each and are measured in rotation at saturation, the
// direction alternating round by round, so that the load of a busy machine hits them all alike.
// Prints, per variant, the server's CPU time per request, the request rate, its ratio to the
// first variant, and each run's rate; writes nothing. For example, the middleware's cost split
// into its parts: `node --expose-gc bench/rotation.mjs fastify noop bare bare-hooks bare-logger middleware`.
import { pathToFileURL } from 'node:url';
import { load, startServer } from './bench-server.mjs';

/** Measures `variants` in rotation; returns { variant: { cpuMicrosPerRequest, requestsPerSecond, ratio, rates } }. */
export async function rotate(framework, model, variants, { processesPerVariant = 2, rounds = 12, seconds = 1.5 } = {}) {
  const servers = [];
  try {
    for (let index = 0; index < processesPerVariant; index++) {
      for (const variant of variants) servers.push({ variant, server: await startServer(framework, variant, model) });
    }
    for (const { server } of servers) await load(server.url, { seconds: 1.5 });
    const totals = Object.fromEntries(variants.map((variant) => [variant, { cpuMicros: 0, requests: 0, seconds: 0, rates: [] }]));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? servers : [...servers].reverse();
      for (const { variant, server } of order) {
        const before = await server.cpuMicros();
        const result = await load(server.url, { seconds });
        const total = totals[variant];
        total.cpuMicros += (await server.cpuMicros()) - before;
        total.requests += result.requests;
        total.seconds += seconds;
        total.rates.push(result.requestsPerSecond);
      }
    }
    const baseRate = totals[variants[0]].requests / totals[variants[0]].seconds;
    return Object.fromEntries(
      variants.map((variant) => {
        const total = totals[variant];
        const rate = total.requests / total.seconds;
        return [variant, { cpuMicrosPerRequest: total.cpuMicros / total.requests, requestsPerSecond: rate, ratio: rate / baseRate, rates: total.rates }];
      }),
    );
  } finally {
    for (const { server } of servers) await server.stop();
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
    console.error('usage: node --expose-gc bench/rotation.mjs <express|fastify> <noop|forest> <baseline variant> <variant> …');
    process.exit(2);
  }
  printRotation(await rotate(framework, model, variants));
}
