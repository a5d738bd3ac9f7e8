// The bench servers (bench/server.mjs, each in a child process) and the autocannon load that
// bench/run.mjs and bench/fixed-rate.mjs drive them with.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { churnFeatures } from '../../../scripts/bench/churn-features.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const body = JSON.stringify(churnFeatures);
export const connections = 10;

/**
 * Forks bench/server.mjs (with `execArgv` added to Node's flags); resolves once it listens.
 * `pid` is the child's; `stop()` ends it; `memory()`, `rss()` and `cpu()` ask it over IPC.
 */
export async function startServer(framework, variant, model, { execArgv = [] } = {}) {
  const child = fork(join(here, 'server.mjs'), [framework, variant, model], { execArgv: ['--expose-gc', ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server ${framework}/${variant} exited with ${code}`)));
    child.on('message', (message) => {
      if (message.type === 'ready') resolve(message.port);
    });
  });
  const ask = (type) =>
    new Promise((resolve) => {
      const onMessage = (message) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.send(type);
    });
  return {
    pid: child.pid,
    url: `http://127.0.0.1:${port}/predict`,
    memory: () => ask('memory'),
    rss: async () => (await ask('rss')).rss,
    cpuMicros: async () => {
      const { cpu } = await ask('cpu');
      return cpu.user + cpu.system;
    },
    cpu: async () => (await ask('cpu')).cpu,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', resolve);
        child.send('stop');
      }),
  };
}

/**
 * Runs autocannon for `seconds`, or for `amount` requests; returns requests per second and in
 * total, the seconds it ran, non-2xx count and every latency in ms (hrtime precision). Autocannon
 * stops on its one-second tick, so a timed run lasts a whole number of seconds: asked for 1.5 s,
 * it runs 2 (`seconds` is what it ran).
 */
export function load(url, { seconds, amount, connections: connectionCount = connections, overallRate }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections: connectionCount,
        ...(amount === undefined ? { duration: seconds } : { amount }),
        ...(overallRate === undefined ? {} : { overallRate }),
      },
      (error, result) => {
        if (error) return reject(error);
        const ran = result.duration || seconds;
        resolve({
          requestsPerSecond: result.requests.total / ran,
          requests: result.requests.total,
          seconds: ran,
          non2xx: result.non2xx + result.errors + result.timeouts,
          latencies,
        });
      },
    );
    instance.on('response', (_client, _statusCode, _bytes, responseTimeMillis) => latencies.push(responseTimeMillis));
  });
}
