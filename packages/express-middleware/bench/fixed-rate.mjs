// `node --expose-gc bench/fixed-rate.mjs <express|fastify> [requests per second] [seconds]`:
// server CPU per request with and without the middleware at a fixed request rate below
// saturation (no-op model, no-op store), user and system time apart. A diagnostic beside
// bench/run.mjs: at a fixed rate the load generator behaves the same against both servers, so a
// difference is the server's own. Prints; writes nothing.
import { load, startServer } from './bench-server.mjs';

const [framework = 'fastify', rate = '15000', seconds = '4'] = process.argv.slice(2);
const pairs = 4;

const servers = { bare: await startServer(framework, 'bare', 'noop'), middleware: await startServer(framework, 'middleware', 'noop') };
const totals = { bare: { user: 0, system: 0, requests: 0 }, middleware: { user: 0, system: 0, requests: 0 } };
for (const server of Object.values(servers)) await load(server.url, { seconds: 2 });
for (let pair = 0; pair < pairs; pair++) {
  for (const variant of pair % 2 === 0 ? ['bare', 'middleware'] : ['middleware', 'bare']) {
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
