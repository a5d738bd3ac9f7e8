// `node --expose-gc bench/fixed-rate.mjs <express|fastify> [requests per second] [seconds] [variant …]`:
// server CPU per request at a fixed request rate below saturation (no-op model, no-op store),
// user and system time apart. A diagnostic beside bench/run.mjs: at a fixed rate the load
// generator behaves the same against every server, so a difference is the server's own. The
// variants are bench/server.mjs's (default: `bare middleware`), one server each, loaded in turn
// for four rounds, the order alternating round by round. For example, the middleware against a
// route that monitors itself by hand, below saturation:
// `node --expose-gc bench/fixed-rate.mjs fastify 12000 3 bare bare-floor middleware`.
// Prints; writes nothing.
import { load, startServer } from './bench-server.mjs';

const [framework = 'fastify', rate = '15000', seconds = '4', ...named] = process.argv.slice(2);
const variants = named.length > 0 ? named : ['bare', 'middleware'];
const rounds = 4;

const servers = {};
for (const variant of variants) servers[variant] = await startServer(framework, variant, 'noop');
const totals = Object.fromEntries(variants.map((variant) => [variant, { user: 0, system: 0, requests: 0 }]));
for (const server of Object.values(servers)) await load(server.url, { seconds: 2 });
for (let round = 0; round < rounds; round++) {
  for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
    const before = await servers[variant].cpu();
    const result = await load(servers[variant].url, { seconds: Number(seconds), overallRate: Number(rate) });
    const after = await servers[variant].cpu();
    totals[variant].user += after.user - before.user;
    totals[variant].system += after.system - before.system;
    totals[variant].requests += result.requests;
  }
}
for (const [variant, total] of Object.entries(totals)) {
  const user = total.user / total.requests;
  const system = total.system / total.requests;
  console.log(`${framework} ${variant} at ${rate} req/s: ${(user + system).toFixed(2)} µs CPU per request (user ${user.toFixed(2)}, system ${system.toFixed(2)}), ${total.requests} requests`);
  await servers[variant].stop();
}
