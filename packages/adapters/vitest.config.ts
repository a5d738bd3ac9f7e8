import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source', 'import', 'module', 'node', 'default'] },
  // Vitest passes these to the worker processes as Node `--conditions`, where they also steer
  // `require()`: with `import` or `module` among them, pg's `require('pg-pool')` loads pg-pool's
  // ESM build and fails. Node adds `import`/`require` by itself.
  ssr: { resolve: { conditions: ['source', 'node', 'development|production'] } },
  test: { name: 'adapters', include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
