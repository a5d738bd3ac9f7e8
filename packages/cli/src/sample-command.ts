import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { DriftwatchError } from '@driftwatch/drift';
import type { CliIo } from './cli-io.js';
import { generateTelcoSample, sampleScenarios, type SampleScenario } from './generate-telco-sample.js';
import { sampleHelp } from './help-text.js';
import { withArgumentErrors } from './internal/parse-command-args.js';

/** Lines are gathered into blocks of about this many characters before each write. */
const writeBlockChars = 64 * 1024;

/**
 * `driftwatch sample <directory>`: writes `reference.csv` (scenario none, `seed`) and
 * `current.csv` (the chosen scenario, `seed + 1`) and returns exit code 0.
 *
 * @example
 * ```ts
 * import { processIo, runSampleCommand } from '@driftwatch/cli';
 * await runSampleCommand(['./data', '--rows', '1000', '--scenario', 'sudden'], processIo());
 * ```
 */
export async function runSampleCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = withArgumentErrors(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        rows: { type: 'string' },
        seed: { type: 'string' },
        scenario: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    io.stdout.write(sampleHelp);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `sample takes one directory; got ${positionals.length} arguments (see --help)`,
    });
  }
  const rows = integerFlag('--rows', values.rows ?? '5000', 1);
  const seed = integerFlag('--seed', values.seed ?? '42', 0);
  const scenario = (values.scenario ?? 'none') as SampleScenario;
  if (!sampleScenarios.includes(scenario)) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `--scenario must be one of ${sampleScenarios.join(', ')}; got "${values.scenario}"`,
    });
  }
  const cwd = io.cwd ?? process.cwd();
  const directory = resolve(cwd, positionals[0]!);
  try {
    await mkdir(directory, { recursive: true });
    await writeLines(join(directory, 'reference.csv'), generateTelcoSample({ rows, seed, scenario: 'none' }));
    await writeLines(join(directory, 'current.csv'), generateTelcoSample({ rows, seed: seed + 1, scenario }));
  } catch (error) {
    if (DriftwatchError.isInstance(error)) throw error;
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `cannot write samples to ${positionals[0]}: ${(error as Error).message}`,
      cause: error,
    });
  }
  const shown = relative(cwd, directory) || '.';
  io.stdout.write(
    `wrote ${join(shown, 'reference.csv')} and ${join(shown, 'current.csv')}: ${rows.toLocaleString('en-US')} rows each, scenario ${scenario}, seed ${seed}\n` +
      `compare them with: driftwatch drift ${join(shown, 'reference.csv')} ${join(shown, 'current.csv')} --exclude customerID\n`,
  );
  return 0;
}

function integerFlag(flag: string, text: string, minimum: number): number {
  const number = Number(text);
  if (!Number.isSafeInteger(number) || number < minimum || text.trim() === '') {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `${flag} needs an integer ≥ ${minimum}, got "${text}"` });
  }
  return number;
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const output = createWriteStream(path);
  const failed = once(output, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => {});
  let block = '';
  for (const line of lines) {
    block += line;
    if (block.length >= writeBlockChars) {
      if (!output.write(block)) await Promise.race([once(output, 'drain'), failed]);
      block = '';
    }
  }
  output.end(block);
  await Promise.race([once(output, 'finish'), failed]);
}
