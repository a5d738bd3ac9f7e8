// Enforces the package graph of docs/architecture.md: each package may import only the
// Driftwatch packages listed here, must declare each one it imports in package.json, and the
// declared graph must be acyclic. dpdm checks cycles between files; this checks packages.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const allowed = {
  drift: [],
  models: ['drift'],
  core: ['drift'],
  registry: ['core', 'drift', 'models'],
  adapters: ['core', 'drift'],
  'express-middleware': ['core', 'drift'],
  dashboard: ['core', 'drift'],
  cli: ['core', 'drift'],
};

const root = new URL('..', import.meta.url).pathname;
const problems = [];

function sourceFiles(directory) {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts|js|mjs)$/.test(entry) ? [path] : [];
  });
}

for (const name of readdirSync(join(root, 'packages'))) {
  const manifestPath = join(root, 'packages', name, 'package.json');
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    continue;
  }
  if (!(name in allowed)) {
    problems.push(`packages/${name} is not in the architecture's package graph (scripts/check-package-graph.mjs)`);
    continue;
  }
  const declared = new Set(
    Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })
      .filter((dependency) => dependency.startsWith('@driftwatch/'))
      .map((dependency) => dependency.slice('@driftwatch/'.length)),
  );
  for (const dependency of declared) {
    if (!allowed[name].includes(dependency)) problems.push(`@driftwatch/${name} declares @driftwatch/${dependency}, which it may not import`);
  }
  // Tests may use any package as a real part (a test of the middleware stores into real SQLite).
  for (const file of sourceFiles(join(root, 'packages', name, 'src')).filter((path) => !/\.test(-[a-z]+)?\.ts$/.test(path))) {
    // JSDoc examples import the package's own public name; only real code counts.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]@driftwatch\/([a-z-]+)/g)) {
      const target = match[1];
      const relative = file.slice(root.length);
      if (!allowed[name].includes(target)) problems.push(`${relative} imports @driftwatch/${target}, which @driftwatch/${name} may not import`);
      else if (!declared.has(target)) problems.push(`${relative} imports @driftwatch/${target}, which packages/${name}/package.json does not declare`);
    }
  }
}

// The allowed graph itself must be acyclic.
const state = new Map();
function visit(name, path) {
  if (state.get(name) === 'done') return;
  if (state.get(name) === 'active') {
    problems.push(`package cycle: ${[...path, name].join(' -> ')}`);
    return;
  }
  state.set(name, 'active');
  for (const next of allowed[name]) visit(next, [...path, name]);
  state.set(name, 'done');
}
for (const name of Object.keys(allowed)) visit(name, []);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`package graph: ${Object.keys(allowed).length} packages follow docs/architecture.md, no cycles`);
