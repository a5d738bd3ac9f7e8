import type { EventStore } from '@driftwatch/core';
import { createInMemoryEventStore } from '@driftwatch/core/testing';

/** An in-memory store whose writes reject, or never settle. Reads work, so tests can look. */
export function createFaultyStore(mode: 'reject' | 'hang'): EventStore & { writeAttempts: number } {
  const inner = createInMemoryEventStore();
  const fail = (): Promise<never> => {
    store.writeAttempts++;
    return mode === 'reject' ? Promise.reject(new Error('disk on fire')) : new Promise<never>(() => {});
  };
  const store: EventStore & { writeAttempts: number } = {
    ...inner,
    writeAttempts: 0,
    writePredictions: fail,
    writeOutcomes: fail,
    writeWindowProfiles: fail,
    deleteBefore: () => fail(),
  };
  return store;
}
