// `npm run demo`: the Driftwatch story end to end on the churn example, after `turbo run build`
// (the root script builds first). Runs examples/churn-service/dist/demo.js with plain node and
// passes the arguments on: `npm run demo -- --once` exits after the story (status 1 if a step
// failed); without it the service and the dashboard keep running until Ctrl-C.
// DATABASE_URL=postgres://… switches from SQLite to PostgreSQL; see docs/guides/quick-start.md.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const demoPath = join(root, 'examples', 'churn-service', 'dist', 'demo.js');

if (!existsSync(demoPath)) {
  console.error(`demo: ${relative(root, demoPath)} is missing; run "npm run build" first (npm run demo does).`);
  process.exit(1);
}

const child = spawn(process.execPath, [demoPath, '--data-directory', join(root, '.driftwatch-demo'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl-C reaches the child through the terminal's process group; SIGTERM from a supervisor is passed on.
process.on('SIGTERM', () => child.kill('SIGTERM'));
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 128)));
