// Run in a child process by postgres-event-store.replicas.test.ts: one replica logging through
// core's prediction logger into the shared PostgreSQL schema. Prints the logger's counters.
import { createPredictionLogger } from '@driftwatch/core';
import { createPostgresEventStore } from './postgres-event-store.js';
import { replicaTraffic } from './replica-traffic.test-helper.js';

const { DW_POSTGRES_URL, DW_SCHEMA, DW_REPLICA_ID, DW_SEED, DW_COUNT } = process.env;
const store = createPostgresEventStore({ connectionString: DW_POSTGRES_URL!, schema: DW_SCHEMA! });
await store.migrate();
const baseline = await store.readBaseline('churn');
if (baseline === undefined) throw new Error('the parent writes the baseline before starting the replicas');
const logger = createPredictionLogger({
  store,
  baseline,
  replicaId: DW_REPLICA_ID!,
  retentionDays: false,
  flushIntervalMillis: 50,
  onError: (error) => console.error(error),
});
for (const input of replicaTraffic(DW_REPLICA_ID!, Number(DW_SEED), Number(DW_COUNT))) logger.log(input);
await logger.shutdown();
await store.shutdown();
process.stdout.write(JSON.stringify(logger.counters));
