// Run in child processes by sqlite-event-store.test.ts: several processes migrate the same new
// SQLite files at the same moments, then each writes one prediction per file.
import { createSqliteEventStore } from './sqlite-event-store.js';

const { DW_SQLITE_FILES, DW_PROCESS, DW_START_AT } = process.env;
// Start together: each process waits for the same wall-clock instant.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(DW_START_AT) - Date.now())));
for (const filename of DW_SQLITE_FILES!.split(',')) {
  const store = createSqliteEventStore({ filename });
  await store.migrate();
  await store.writePredictions([
    {
      id: `process-${DW_PROCESS}`,
      timestamp: new Date(Date.UTC(2026, 0, 1)),
      modelName: 'churn',
      modelVersion: '1',
      features: {},
      prediction: {},
    },
  ]);
  await store.shutdown();
}
