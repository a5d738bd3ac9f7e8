import type { CliOutput } from './cli-io.js';

/** Options for {@link startProgressReporter}. */
export interface ProgressReporterOptions {
  /** Where progress goes: stderr, never stdout, so `--json` output stays clean. */
  output: CliOutput;
  /** Bytes expected in total. */
  totalBytes: number;
  /** Bytes read so far; polled on every tick. */
  bytesRead: () => number;
  /** Minimum time between two updates. @default 250 */
  intervalMillis?: number;
  /** Text before the figures. @default 'reading' */
  label?: string;
}

/** A running progress display. */
export interface ProgressReporter {
  /** Stops the timer and, on a terminal, clears the progress line. Calling it twice is harmless. */
  stop(): void;
}

const megabyte = 1024 * 1024;

/**
 * Shows `driftwatch: reading 12.5 / 110.4 MB (11%)` every `intervalMillis`. On a terminal the
 * line redraws in place and is cleared at the end; elsewhere each update is its own line. The
 * timer is unref'd, so it never keeps the process alive, and nothing is printed before the
 * first tick, so short reads stay silent.
 *
 * @example
 * ```ts
 * import { startProgressReporter } from '@driftwatch/cli';
 * let bytes = 0;
 * const progress = startProgressReporter({ output: process.stderr, totalBytes: 1e9, bytesRead: () => bytes });
 * bytes = 5e8;
 * progress.stop();
 * ```
 */
export function startProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  const { output, totalBytes, bytesRead, intervalMillis = 250, label = 'reading' } = options;
  const terminal = output.isTTY === true;
  let drawn = false;
  const timer = setInterval(() => {
    const read = Math.min(bytesRead(), totalBytes);
    const percent = totalBytes > 0 ? Math.floor((read / totalBytes) * 100) : 100;
    const line = `driftwatch: ${label} ${(read / megabyte).toFixed(1)} / ${(totalBytes / megabyte).toFixed(1)} MB (${percent}%)`;
    output.write(terminal ? `\r\u001b[2K${line}` : `${line}\n`);
    drawn = true;
  }, intervalMillis);
  timer.unref();
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (terminal && drawn) output.write('\r\u001b[2K');
    },
  };
}
