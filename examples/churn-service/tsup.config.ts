import { defineConfig } from 'tsup';

// The example runs from dist/ with plain node after `npm run build`: the demo, the service alone,
// and the library surface. Dependencies (the @driftwatch packages, express, pg…) stay external.
export default defineConfig({
  entry: { index: 'src/index.ts', demo: 'src/demo/demo-main.ts', serve: 'src/service/serve-main.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
