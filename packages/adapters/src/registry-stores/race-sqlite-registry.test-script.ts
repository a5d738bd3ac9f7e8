// Run in child processes by sqlite-registry-store.test.ts: several processes open the same SQLite
// file, register versions and try the same compare-and-set alias move at the same moment.
import { DriftwatchError } from '@driftwatch/core';
import { createSqliteRegistryStore } from './sqlite-registry-store.js';

const { DW_SQLITE_FILE, DW_PROCESS, DW_START_AT } = process.env;
const store = createSqliteRegistryStore({ filename: DW_SQLITE_FILE!, busyTimeoutMillis: 20_000 });
await store.migrate();
// Start together: each process waits for the same wall-clock instant.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(DW_START_AT) - Date.now())));
let move = 'won';
try {
  await store.moveAlias({
    modelName: 'churn',
    alias: 'champion',
    expectedVersion: 1,
    toVersion: Number(DW_PROCESS) + 1,
    actor: `process-${DW_PROCESS}`,
    reason: 'race',
    at: new Date(),
  });
} catch (error) {
  move = DriftwatchError.isInstance(error) ? error.code : String(error);
}
const versions: number[] = [];
for (let index = 0; index < 5; index++) {
  const created = await store.createModelVersion({
    modelName: 'churn',
    artifact: { flavor: 'constant', formatVersion: 1, data: { value: index } },
    params: {},
    metrics: {},
    tags: {},
    createdAt: new Date(),
  });
  versions.push(created.version);
}
await store.shutdown();
process.stdout.write(JSON.stringify({ move, versions }));
