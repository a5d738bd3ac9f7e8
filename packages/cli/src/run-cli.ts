import { DriftwatchError } from '@driftwatch/drift';
import { processIo, type CliIo } from './cli-io.js';
import { runDriftCommand } from './drift-command.js';
import { mainHelp } from './help-text.js';
import { packageVersion } from './package-version.js';
import { runSampleCommand } from './sample-command.js';

/** Exit code for errors: bad or missing files, unknown columns, empty input, bad flags. */
export const errorExitCode = 2;

/**
 * Runs the `driftwatch` command line in-process and resolves to its exit code: 0 no dataset
 * drift, 1 dataset drift, 2 error. Errors print as one line, `driftwatch: <message>`, on
 * stderr; set `DRIFTWATCH_DEBUG=1` for the stack. Nothing but results goes to stdout.
 *
 * @example
 * ```ts
 * import { runCli } from '@driftwatch/cli';
 * let output = '';
 * const code = await runCli(['drift', 'reference.csv', 'current.csv', '--json'], {
 *   stdout: { write: (text) => (output += text) },
 *   stderr: process.stderr,
 * });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'drift':
        return await runDriftCommand(rest, io);
      case 'sample':
        return await runSampleCommand(rest, io);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout.write(mainHelp);
        return command === undefined ? errorExitCode : 0;
      case '--version':
      case '-v':
        io.stdout.write(`${packageVersion()}\n`);
        return 0;
      default:
        throw new DriftwatchError({
          code: 'INVALID_ARGUMENT',
          message: command.startsWith('-')
            ? `unknown option "${command}" (see --help)`
            : `unknown command "${command}"; commands are drift and sample (see --help)`,
        });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`driftwatch: ${message.split('\n')[0]}\n`);
    if ((io.env ?? process.env).DRIFTWATCH_DEBUG === '1' && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return errorExitCode;
  }
}
