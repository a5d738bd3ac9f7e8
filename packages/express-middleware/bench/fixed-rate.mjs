// `node --expose-gc bench/fixed-rate.mjs <express|fastify> [requests per second] [seconds]`:
// server CPU per request with and without the middleware at a fixed request rate below
// saturation (no-op model, no-op store), user and system time apart. A diagnostic beside
// bench/run.mjs: at a fixed rate the load generator behaves the same against both servers, so a
// difference is the server's own. Prints; writes nothing.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { churnFeatures } from '../../../scripts/bench/churn-features.mjs';

const [framework = 'fastify', rate = '15000', seconds = '4'] = process.argv.slice(2);
const body = JSON.stringify(churnFeatures);
const pairs = 4;

async function start(variant) {
  const child = fork(new URL('./server.mjs', import.meta.url).pathname, [framework, variant, 'noop'], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise((resolve) => child.on('message', (message) => message.type === 'ready' && resolve(message.port)));
  const cpu = () =>
    new Promise((resolve) => {
      const onMessage = (message) => {
        if (message.type !== 'cpu') return;
        child.off('message', onMessage);
        resolve(message.cpu);
      };
      child.on('message', onMessage);
      child.send('cpu');
    });
  return { child, port, cpu, user: 0, system: 0, requests: 0 };
}

function load(port, duration, overallRate) {
  return new Promise((resolve, reject) =>
    autocannon(
      { url: `http://127.0.0.1:${port}/predict`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: 10, duration, ...(overallRate ? { overallRate } : {}) },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
}

const servers = { bare: await start('bare'), middleware: await start('middleware') };
for (const server of Object.values(servers)) await load(server.port, 2);
for (let pair = 0; pair < pairs; pair++) {
  for (const variant of pair % 2 === 0 ? ['bare', 'middleware'] : ['middleware', 'bare']) {
    const server = servers[variant];
    const before = await server.cpu();
    const result = await load(server.port, Number(seconds), Number(rate));
    const after = await server.cpu();
    server.user += after.user - before.user;
    server.system += after.system - before.system;
    server.requests += result.requests.total;
  }
}
for (const [variant, server] of Object.entries(servers)) {
  const user = server.user / server.requests;
  const system = server.system / server.requests;
  console.log(`${framework} ${variant} at ${rate} req/s: ${(user + system).toFixed(2)} µs CPU per request (user ${user.toFixed(2)}, system ${system.toFixed(2)}), ${server.requests} requests`);
  server.child.send('stop');
}
