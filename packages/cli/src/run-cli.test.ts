// In-process tests of runCli: the paths that need a fake terminal or no worker build.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '@driftwatch/drift';
import type { CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';

let directory: string;

function capture(options: { stderrIsTTY?: boolean; stdoutIsTTY?: boolean; env?: Record<string, string> } = {}) {
  const output = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { isTTY: options.stdoutIsTTY ?? false, write: (text) => (output.stdout += text) },
    stderr: { isTTY: options.stderrIsTTY ?? false, write: (text) => (output.stderr += text) },
    cwd: directory,
    env: options.env ?? {},
    now: () => new Date('2025-01-01T00:00:00Z'),
  };
  return { io, output };
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'driftwatch-run-cli-'));
  // Large enough that reading in one thread outlasts the 250 ms progress interval.
  for (const [name, offset] of [['big-reference.csv', 0], ['big-current.csv', 3]] as const) {
    const lines = ['amount,group,note'];
    for (let index = 0; index < 400_000; index++) lines.push(`${(index % 997) + offset},g${index % 5},some longer text to make the file bigger`);
    writeFileSync(join(directory, name), `${lines.join('\n')}\n`);
  }
  writeFileSync(join(directory, 'a.csv'), 'x,y\n1,a\n2,b\n3,a\n4,b\n');
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('runCli in-process', () => {
  it('shows progress on a terminal stderr and never on stdout', async () => {
    const { io, output } = capture({ stderrIsTTY: true });
    const code = await runCli(['drift', 'big-reference.csv', 'big-current.csv', '--json'], io);
    expect(code).toBeLessThan(2);
    expect(output.stderr).toMatch(/driftwatch: reading [\d.]+ \/ [\d.]+ MB \(\d+%\)/);
    expect(output.stdout).not.toContain('reading');
    expect((JSON.parse(output.stdout) as DriftReport).rowCounts).toEqual({ reference: 400_000, current: 400_000 });
  }, 60_000);

  it('shows no progress with --quiet, nor on a non-terminal stderr for small inputs', async () => {
    const quiet = capture({ stderrIsTTY: true });
    await runCli(['drift', 'big-reference.csv', 'big-current.csv', '--json', '--quiet'], quiet.io);
    expect(quiet.output.stderr).toBe('');
    const piped = capture({ stderrIsTTY: false });
    await runCli(['drift', 'big-reference.csv', 'big-current.csv', '--json'], piped.io);
    expect(piped.output.stderr).toBe('');
  }, 60_000);

  it('colours the table only for a terminal without NO_COLOR', async () => {
    const terminal = capture({ stdoutIsTTY: true });
    await runCli(['drift', 'a.csv', 'a.csv'], terminal.io);
    expect(terminal.output.stdout).toContain('\u001b[32m');
    const noColor = capture({ stdoutIsTTY: true, env: { NO_COLOR: '1' } });
    await runCli(['drift', 'a.csv', 'a.csv'], noColor.io);
    expect(noColor.output.stdout).not.toContain('\u001b[');
  });

  it('prints usage and exits 2 without a command; one line per error', async () => {
    const bare = capture();
    expect(await runCli([], bare.io)).toBe(2);
    expect(bare.output.stdout).toContain('Usage:');
    const bad = capture();
    expect(await runCli(['drift', 'a.csv', 'a.csv', '--categorical', 'x', '--numeric', 'x'], bad.io)).toBe(2);
    expect(bad.output.stderr).toMatch(/^driftwatch: [^\n]*\n$/);
  });
});
