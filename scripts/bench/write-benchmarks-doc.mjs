// Renders bench-results/*.json into the generated part of docs/benchmarks.md, between the
// BEGIN/END markers, so that the figures in the docs are exactly the last measured ones. A suite
// without a results file here (one package benchmarked alone, on a fresh clone) keeps the section
// it already has.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const resultsDirectory = join(root, 'bench-results');
const documentPath = join(root, 'docs', 'benchmarks.md');
const begin = '<!-- BEGIN GENERATED BENCHMARKS -->';
const end = '<!-- END GENERATED BENCHMARKS -->';

const order = ['drift', 'cli-drift', 'models', 'core-logger', 'adapters', 'express-middleware', 'express-middleware-long', 'express-middleware-instructions', 'registry', 'dashboard'];
const suites = readdirSync(resultsDirectory)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(join(resultsDirectory, file), 'utf8')))
  .filter((suite) => !['ks', 'profile'].includes(suite.suite))
  .sort((a, b) => rank(a.suite) - rank(b.suite));

function rank(name) {
  const index = order.indexOf(name);
  return index === -1 ? order.length : index;
}

function format(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value ?? '');
  if (Math.abs(value) >= 1000) return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

const rendered = new Map(suites.map((suite) => {
  const machine = suite.machine ?? {};
  const lines = [
    `### ${suite.suite}`,
    '',
    `Measured ${suite.date} on ${machine.cpu ?? 'unknown CPU'} (${machine.cores ?? '?'} cores, ${machine.memoryGiB ?? '?'} GiB), Node ${machine.node ?? '?'}.`,
    '',
    '| benchmark | median | same-run baseline | ratio | target | met |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of suite.rows) {
    const baseline = row.baseline ? `${format(row.baseline.value)} ${row.baseline.unit} (${row.baseline.name})` : '';
    const met = row.pass === undefined ? '' : row.pass ? 'yes' : '**no**';
    lines.push(`| ${row.name} | ${format(row.value)} ${row.unit} | ${baseline} | ${row.ratio === undefined ? '' : format(row.ratio)} | ${row.target ?? ''} | ${met} |`);
  }
  if (suite.notes && Object.keys(suite.notes).length > 0) {
    lines.push('', `Notes: ${Object.entries(suite.notes).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join('; ')}`);
  }
  return [suite.suite, lines.join('\n')];
}));

const document = readFileSync(documentPath, 'utf8');
const start = document.indexOf(begin);
const stop = document.indexOf(end);
if (start === -1 || stop === -1) throw new Error(`docs/benchmarks.md lacks the ${begin} / ${end} markers`);
const kept = new Map(
  document
    .slice(start + begin.length, stop)
    .split(/^(?=### )/m)
    .map((section) => section.trim())
    .filter((section) => section.startsWith('### '))
    .map((section) => [section.slice(4, section.indexOf('\n') === -1 ? undefined : section.indexOf('\n')).trim(), section]),
);
const sections = new Map([...kept, ...rendered]);
const names = [...sections.keys()].sort((a, b) => rank(a) - rank(b));
writeFileSync(documentPath, `${document.slice(0, start + begin.length)}\n\n${names.map((name) => sections.get(name)).join('\n\n')}\n\n${document.slice(stop)}`);
console.log(`docs/benchmarks.md: ${rendered.size} suites written, ${names.length - rendered.size} kept from the previous run`);
