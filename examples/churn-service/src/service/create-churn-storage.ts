import {
  createPgBossJobQueue,
  createPostgresEventStore,
  createPostgresRegistryStore,
  createSqliteEventStore,
  createSqliteRegistryStore,
} from '@driftwatch/adapters';
import { createInProcessJobQueue, type Clock, type EventStore, type JobQueue, type RegistryStore } from '@driftwatch/core';
import type { ChurnStorageConfig } from './churn-service-config.js';

/** The stores and the job queue of a churn service. */
export interface ChurnStorage {
  eventStore: EventStore;
  registryStore: RegistryStore;
  queue: JobQueue;
  /**
   * True when the queue's cron schedules run on the service clock (the in-process queue). pg-boss
   * keeps its own real-time cron, so on simulated time the service sends the hourly check itself.
   */
  schedulesOnServiceClock: boolean;
  /** Shuts the queue down, then both stores. Idempotent. */
  shutdown(): Promise<void>;
}

/**
 * Opens the event store, the registry store and the job queue for a {@link ChurnStorageConfig}
 * and migrates both stores: SQLite with an in-process queue, or PostgreSQL with pg-boss.
 *
 * @example
 * ```ts
 * const storage = await createChurnStorage({ kind: 'sqlite', filename: './churn.db' }, systemClock);
 * await storage.shutdown();
 * ```
 */
export async function createChurnStorage(config: ChurnStorageConfig, clock: Clock): Promise<ChurnStorage> {
  let eventStore: EventStore;
  let registryStore: RegistryStore;
  let queue: JobQueue;
  const schedulesOnServiceClock = config.kind === 'sqlite';
  if (config.kind === 'sqlite') {
    eventStore = createSqliteEventStore({ filename: config.filename });
    registryStore = createSqliteRegistryStore({ filename: config.filename });
    // Retraining is not retried by the queue: a failed run is recorded and the next alert retries.
    queue = createInProcessJobQueue({ clock, retryLimit: 0 });
  } else {
    const schema = config.schema ?? 'churn_service';
    eventStore = createPostgresEventStore({ connectionString: config.connectionString, schema });
    registryStore = createPostgresRegistryStore({ connectionString: config.connectionString, schema });
    // pg-boss polls; the shortest interval it allows keeps a simulated replay's jobs from waiting long.
    queue = createPgBossJobQueue({ connectionString: config.connectionString, schema: `${schema}_jobs`, retryLimit: 0, pollingIntervalSeconds: 0.5 });
  }
  try {
    await eventStore.migrate();
    await registryStore.migrate();
  } catch (error) {
    await Promise.allSettled([queue.shutdown(), eventStore.shutdown(), registryStore.shutdown()]);
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    eventStore,
    registryStore,
    queue,
    schedulesOnServiceClock,
    shutdown() {
      closing ??= (async () => {
        await queue.shutdown().catch(() => undefined);
        await Promise.allSettled([eventStore.shutdown(), registryStore.shutdown()]);
      })();
      return closing;
    },
  };
}
