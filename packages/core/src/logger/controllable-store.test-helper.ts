import { DriftwatchError } from '@driftwatch/drift';
import type { EventStore } from '../contracts/event-store.js';
import type { PredictionRecord } from '../records/prediction-record.js';
import type { WindowProfileRecord } from '../records/window-profile-record.js';
import { createInMemoryEventStore } from '../testing/in-memory-event-store.js';

/** How the store answers the next writes. */
export type StoreMode = 'ok' | 'fail' | 'hang' | 'shutdown';

/** An in-memory store whose writes can fail, hang or be refused, and that records every call. */
export interface ControllableStore extends EventStore {
  mode: StoreMode;
  /** Sizes of every `writePredictions` call, failed ones included. */
  readonly predictionBatches: number[];
  readonly profileBatches: WindowProfileRecord[][];
  readonly deleteCutoffs: Date[];
  /** Resolves every write that is hanging now, as failures. */
  releaseHanging(): void;
  /** The in-memory store behind it. */
  readonly inner: EventStore;
}

export function createControllableStore(): ControllableStore {
  const inner = createInMemoryEventStore();
  const predictionBatches: number[] = [];
  const profileBatches: WindowProfileRecord[][] = [];
  const deleteCutoffs: Date[] = [];
  let hanging: Array<(error: Error) => void> = [];

  function gate(this: void, mode: StoreMode): Promise<void> {
    if (mode === 'ok') return Promise.resolve();
    if (mode === 'fail') return Promise.reject(new Error('store down'));
    if (mode === 'shutdown') return Promise.reject(new DriftwatchError({ code: 'SHUTDOWN', message: 'store shut down' }));
    return new Promise<void>((_resolve, reject) => hanging.push(reject));
  }

  const store: ControllableStore = {
    ...inner,
    mode: 'ok',
    predictionBatches,
    profileBatches,
    deleteCutoffs,
    inner,
    releaseHanging() {
      const waiting = hanging;
      hanging = [];
      for (const reject of waiting) reject(new Error('released'));
    },
    async writePredictions(records: readonly PredictionRecord[]) {
      predictionBatches.push(records.length);
      await gate(store.mode);
      await inner.writePredictions(records);
    },
    async writeWindowProfiles(records: readonly WindowProfileRecord[]) {
      profileBatches.push([...records]);
      await gate(store.mode);
      await inner.writeWindowProfiles(records);
    },
    async deleteBefore(cutoff: Date) {
      deleteCutoffs.push(cutoff);
      await gate(store.mode);
      return inner.deleteBefore(cutoff);
    },
  };
  return store;
}

/** Every prediction the store holds for model `m`, whatever the time. */
export async function storedPredictions(store: EventStore, modelName = 'm'): Promise<PredictionRecord[]> {
  return store.readPredictions({ modelName, from: new Date(-8.64e15), to: new Date(8.64e15), limit: Number.MAX_SAFE_INTEGER });
}
