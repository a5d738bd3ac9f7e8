/** A text sink such as `process.stdout`. Only what the CLI calls is described. */
export interface CliOutput {
  write(text: string): unknown;
  /** True when the sink is a terminal: enables progress redraws and colour. @default false */
  isTTY?: boolean;
}

/**
 * Where the CLI reads and writes. Tests pass string buffers; the binary passes the process.
 *
 * @example
 * ```ts
 * import { runCli, type CliIo } from '@driftwatch/cli';
 * let printed = '';
 * const io: CliIo = { stdout: { write: (text) => (printed += text) }, stderr: { write: () => true } };
 * await runCli(['--version'], io);
 * ```
 */
export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  /** Directory that relative paths resolve against. @default process.cwd() */
  cwd?: string;
  /** Environment, read for `NO_COLOR` and `DRIFTWATCH_DEBUG`. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** The clock, used for the report's timestamp. @default () => new Date() */
  now?: () => Date;
}

/**
 * The {@link CliIo} of the running process.
 *
 * @example
 * ```ts
 * import { processIo, runCli } from '@driftwatch/cli';
 * process.exitCode = await runCli(process.argv.slice(2), processIo());
 * ```
 */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
  };
}
