// `npm run demo` (through scripts/demo.mjs) runs this file from dist/: the whole story, then the
// service keeps running; `--once` exits after the story, with status 1 if a step failed.
import { parseArgs } from 'node:util';
import { readChurnServiceEnvironment } from '../service/read-churn-service-environment.js';
import { runDemo } from './run-demo.js';

const { values } = parseArgs({
  options: {
    once: { type: 'boolean', default: false },
    port: { type: 'string' },
    host: { type: 'string' },
    'data-directory': { type: 'string', default: '.driftwatch-demo' },
  },
  strict: true,
});
const environment = readChurnServiceEnvironment();
const report = await runDemo({
  once: values.once,
  // Without --port or PORT: 3000 when the service stays up, any free port with --once.
  ...(values.port !== undefined ? { port: Number(values.port) } : process.env.PORT ? { port: environment.port } : {}),
  host: values.host ?? environment.host,
  dataDirectory: values['data-directory'],
  ...(environment.databaseUrl === undefined ? {} : { databaseUrl: environment.databaseUrl }),
  apiKeys: environment.generatedApiKey ? [] : environment.apiKeys,
  ...(environment.alertWebhookUrl === undefined ? {} : { alertWebhookUrl: environment.alertWebhookUrl }),
});

if (values.once || report.service === undefined || !report.ok && report.url === undefined) {
  process.exit(report.ok ? 0 : 1);
} else {
  const service = report.service;
  const stop = () => {
    console.log('\nStopping: flushing the logger, closing the stores…');
    service.shutdown().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
