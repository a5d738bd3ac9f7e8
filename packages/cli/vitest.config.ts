import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['source', 'node', 'development|production'] } },
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts'],
    // The end-to-end tests build the binary once and run it as a child process many times.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
