import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // `import.meta.url` locates the browser assets and uPlot at run time; the shim gives CJS the same.
  shims: true,
});
