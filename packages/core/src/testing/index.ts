// Test doubles and the shared contract suite, published at `@driftwatch/core/testing`.
export { createInMemoryEventStore } from './in-memory-event-store.js';
export { createRecordingAlertSink } from './recording-alert-sink.js';
export type {
  RecordedAlertDelivery,
  RecordingAlertSink,
  RecordingAlertSinkConfig,
  RecordingAlertSinkFailure,
  RecordingAlertSinkFailWith,
} from './recording-alert-sink.js';
export { createFakeClock } from './fake-clock.js';
export type { FakeClock, FakeClockConfig } from './fake-clock.js';
export { describeEventStoreContract } from './describe-event-store-contract.js';
export type { EventStoreContractOptions } from './describe-event-store-contract.js';
export { createInMemoryRegistryStore } from './in-memory-registry-store.js';
export { describeRegistryStoreContract } from './describe-registry-store-contract.js';
export type { RegistryStoreContractOptions } from './describe-registry-store-contract.js';
