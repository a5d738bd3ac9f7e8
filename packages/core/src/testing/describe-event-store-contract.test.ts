import { describeEventStoreContract } from './describe-event-store-contract.js';
import { createInMemoryEventStore } from './in-memory-event-store.js';

// The in-memory store is the reference the SQL stores are held to; the adapters package runs
// the same suite against SQLite and PostgreSQL.
describeEventStoreContract({
  name: 'in-memory',
  createStore: async () => createInMemoryEventStore(),
});
