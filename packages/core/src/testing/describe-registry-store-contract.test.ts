import { describeRegistryStoreContract } from './describe-registry-store-contract.js';
import { createInMemoryRegistryStore } from './in-memory-registry-store.js';

// The in-memory store is the reference the SQL stores are held to; the adapters package runs
// the same suite against SQLite and PostgreSQL.
describeRegistryStoreContract({
  name: 'in-memory',
  createStore: async () => createInMemoryRegistryStore(),
});
