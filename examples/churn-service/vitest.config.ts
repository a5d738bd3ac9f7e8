import { defineProject } from 'vitest/config';

// The example imports the packages' public names only. Under vitest they resolve to src through
// the "source" condition; CI also typechecks the example against the built dist (tsconfig has no custom condition).
export default defineProject({
  resolve: { conditions: ['source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['source', 'node', 'development|production'] } },
  test: { name: 'churn-service', include: ['src/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});
