// `node --expose-gc bench/code-footprint.mjs [functions]`: a diagnostic beside bench/run.mjs, on
// Fastify with the no-op model. It asks whether a request path pays for the instructions it runs
// or for the code it runs them from. Four servers, two processes each, measured in rotation at
// saturation: the bare route; the bare route running `functions` (default 60) small generated
// functions per request, once as one function called that many times (`same-code`) and once as
// that many different functions (`distinct-code`), the same work either way (callgrind:
// `node bench/instructions.mjs fastify bare same-code60 distinct-code60`); and the route with the
// middleware. Prints CPU per request and throughput against the bare route; writes nothing.
import { load, startServer } from './bench-server.mjs';

const functions = Number(process.argv[2] ?? 60);
const variants = ['bare', `same-code${functions}`, `distinct-code${functions}`, 'middleware'];
const processesPerVariant = 2;
const rounds = 4;
const seconds = 1.5;

const servers = [];
for (let index = 0; index < processesPerVariant; index++) {
  for (const variant of variants) servers.push({ variant, server: await startServer('fastify', variant, 'noop') });
}
for (const { server } of servers) await load(server.url, { seconds: 1.5 });
const totals = Object.fromEntries(variants.map((variant) => [variant, { cpuMicros: 0, requests: 0, seconds: 0 }]));
for (let round = 0; round < rounds; round++) {
  // Alternate the direction of the rotation, so that a drift in machine load favours no variant.
  const order = round % 2 === 0 ? servers : [...servers].reverse();
  for (const { variant, server } of order) {
    const before = await server.cpuMicros();
    const result = await load(server.url, { seconds });
    totals[variant].cpuMicros += (await server.cpuMicros()) - before;
    totals[variant].requests += result.requests;
    totals[variant].seconds += seconds;
  }
}
const bareRate = totals.bare.requests / totals.bare.seconds;
for (const variant of variants) {
  const total = totals[variant];
  const rate = total.requests / total.seconds;
  console.log(`${variant.padEnd(18)} ${(total.cpuMicros / total.requests).toFixed(1)} µs CPU per request, ${rate.toFixed(0)} requests/s, ${(rate / bareRate).toFixed(3)} × bare`);
}
for (const { server } of servers) await server.stop();
