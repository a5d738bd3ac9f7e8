import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // readDatasetPair locates dist/dataset-worker.js through import.meta.url, which CJS lacks.
    shims: true,
  },
  {
    // The worker entry is built beside bin.js so both the binary and the library can start it.
    entry: { bin: 'src/bin.ts', 'dataset-worker': 'src/dataset-worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
