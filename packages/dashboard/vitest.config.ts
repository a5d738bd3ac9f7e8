import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['source', 'node', 'development|production'] } },
  test: { name: 'dashboard', include: ['src/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
