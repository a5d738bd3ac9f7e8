import { defineConfig } from 'vitest/config';

// Tests run against each package's src/ through the "source" export condition,
// so `npm test` never depends on a stale dist/ for in-repo imports.
export default defineConfig({
  resolve: { conditions: ['source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['source', 'node', 'development|production'] } },
  test: {
    projects: ['packages/*', 'examples/*'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
