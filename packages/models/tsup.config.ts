import { defineConfig } from 'tsup';

export default defineConfig({
  // The training worker is its own entry so that it can be started by file path from dist/.
  entry: { index: 'src/index.ts', 'train-worker': 'src/internal/train-worker.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  // `import.meta.url` locates the worker entry; the CommonJS build needs it shimmed.
  shims: true,
});
