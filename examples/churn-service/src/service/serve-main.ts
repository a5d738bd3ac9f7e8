// `node examples/churn-service/dist/serve.js`: the churn service alone, on real time, for your own
// traffic. Settings come from the environment (see readChurnServiceEnvironment); SQLite goes to
// CHURN_DATABASE_FILE (default ./churn-service.db) unless DATABASE_URL points to PostgreSQL.
import { dashboardPath, createChurnService } from './create-churn-service.js';
import { readChurnServiceEnvironment } from './read-churn-service-environment.js';

const environment = readChurnServiceEnvironment();
const service = await createChurnService({
  storage:
    environment.databaseUrl === undefined
      ? { kind: 'sqlite', filename: process.env.CHURN_DATABASE_FILE ?? './churn-service.db' }
      : { kind: 'postgres', connectionString: environment.databaseUrl, schema: process.env.CHURN_DATABASE_SCHEMA ?? 'churn_service' },
  apiKeys: environment.apiKeys,
  ...(environment.alertWebhookUrl === undefined ? {} : { alertWebhookUrl: environment.alertWebhookUrl }),
  onEvent: (event) => {
    if (event.type === 'model-trained') console.log(`Trained churn v${event.version}: holdout accuracy ${event.metrics.accuracy.toFixed(3)}, AUC ${event.metrics.auc.toFixed(3)}.`);
    if (event.type === 'champion-loaded') console.log(`Serving champion churn v${event.version} from the registry.`);
    if (event.type === 'retraining-finished' && event.result.status !== 'not-needed') console.log(`Retraining: ${event.result.status} (${event.result.reason}).`);
    if (event.type === 'champion-changed') console.log(`Champion is now churn v${event.toVersion}.`);
  },
});
const { url } = await service.listen({ port: environment.port, host: environment.host });
console.log(`Churn service: ${url}  (POST /predict, POST /outcomes, GET /healthz, GET /metrics)`);
console.log(`Dashboard:     ${url}${dashboardPath}/`);
console.log(`API key:       ${environment.generatedApiKey ? `${environment.apiKeys[0]} (generated; set DRIFTWATCH_API_KEYS to choose)` : 'from DRIFTWATCH_API_KEYS'}`);
const stop = () => {
  service.shutdown().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
