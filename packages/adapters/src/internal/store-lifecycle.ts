import { DriftwatchError } from '@driftwatch/core';

/** What {@link createStoreLifecycle} needs from a SQL store. */
export interface StoreLifecycleOptions {
  /** The store, for error messages: `SQLite event store`, `PostgreSQL registry store`. */
  storeName: string;
  /** Whether a `SHUTDOWN` refusal carries `details: { operation }`. */
  shutdownErrorDetails: boolean;
  /** Runs the migrations; called at most once at a time, and again only after a failure. */
  migrate(): Promise<void>;
  /** Releases what the backend opened itself; called once, after in-flight operations settle. */
  close(): Promise<void>;
}

/** The guard, migration and shutdown plumbing the kysely stores share. */
export interface StoreLifecycle {
  /**
   * Runs `body` as `operation`: refused with `SHUTDOWN` once shutdown began, tracked so that
   * shutdown waits for it, and with a failure other than a `DriftwatchError` wrapped in `STORE_FAILED`.
   */
  run<T>(operation: string, body: () => Promise<T>): Promise<T>;
  /** Runs the migrations once (again after a failure), as the `migrate` operation. */
  migrate(): Promise<void>;
  /** Refuses new operations, lets those already accepted finish, then closes; idempotent. */
  shutdown(): Promise<void>;
}

/** Creates the lifecycle of one kysely store. */
export function createStoreLifecycle(options: StoreLifecycleOptions): StoreLifecycle {
  const { storeName } = options;
  const inFlight = new Set<Promise<unknown>>();
  let migration: Promise<void> | undefined;
  let shutdown: Promise<void> | undefined;

  function run<T>(operation: string, body: () => Promise<T>): Promise<T> {
    if (shutdown !== undefined) {
      return Promise.reject(
        new DriftwatchError({
          code: 'SHUTDOWN',
          message: `The ${storeName} is shut down; ${operation} was refused.`,
          ...(options.shutdownErrorDetails ? { details: { operation } } : {}),
        }),
      );
    }
    const promise = (async () => {
      try {
        return await body();
      } catch (error) {
        if (DriftwatchError.isInstance(error)) throw error;
        throw new DriftwatchError({
          code: 'STORE_FAILED',
          message: `${storeName}: ${operation} failed: ${error instanceof Error ? error.message : String(error)}`,
          cause: error,
          details: { operation },
        });
      }
    })();
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(settled);
    void settled.then(() => inFlight.delete(settled));
    return promise;
  }

  return {
    run,
    migrate() {
      return run('migrate', async () => {
        migration ??= options.migrate().catch((error: unknown) => {
          migration = undefined;
          throw error;
        });
        await migration;
      });
    },
    shutdown() {
      shutdown ??= (async () => {
        // Let operations already accepted finish before the connections go away.
        while (inFlight.size > 0) await Promise.all(inFlight);
        await options.close();
      })();
      return shutdown;
    },
  };
}

/** Checks a query's `limit`: `defaultLimit` when absent, else a non-negative integer. */
export function checkLimit(limit: number | undefined, defaultLimit: number): number {
  if (limit === undefined) return defaultLimit;
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `limit must be a non-negative integer, not ${limit}.`, details: { limit } });
  }
  return limit;
}
