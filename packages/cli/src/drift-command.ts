import { stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import {
  compareDatasets,
  DriftwatchError,
  effectMetrics,
  pValueCorrections,
  type CompareDatasetsOptions,
  type DatasetInput,
  type EffectMetric,
  type PValueCorrection,
} from '@driftwatch/drift';
import { alignDatasets, type AlignedDatasets } from './align-datasets.js';
import type { CliIo } from './cli-io.js';
import { detectInputFormat } from './detect-input-format.js';
import { formatDriftTable } from './format-drift-table.js';
import { driftHelp } from './help-text.js';
import { fileError } from './internal/file-error.js';
import { splitNames, withArgumentErrors } from './internal/parse-command-args.js';
import { peekCsvHeader } from './internal/peek-csv-header.js';
import { startProgressReporter } from './progress-reporter.js';
import { readDatasetPair, type ReadDatasetPairOptions } from './read-dataset-pair.js';
import { renderHtmlReport } from './render-html-report.js';
import { reportNotes } from './report-notes.js';

/** A file above this size shows progress even when stderr is not a terminal. */
const progressThresholdBytes = 50 * 1024 * 1024;

/**
 * `driftwatch drift <reference> <current>`: reads both files, compares them with
 * `compareDatasets`, prints the table or JSON, optionally writes the HTML report, and returns
 * the exit code: 0 without dataset drift, 1 with. Errors are thrown for {@link runCli} to print.
 *
 * @example
 * ```ts
 * import { processIo, runDriftCommand } from '@driftwatch/cli';
 * const code = await runDriftCommand(['reference.csv', 'current.csv', '--exclude', 'customerID'], processIo());
 * ```
 */
export async function runDriftCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = withArgumentErrors(() =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        html: { type: 'string' },
        categorical: { type: 'string', multiple: true },
        numeric: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        alpha: { type: 'string' },
        correction: { type: 'string' },
        'effect-metric': { type: 'string' },
        'drift-share': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    io.stdout.write(driftHelp);
    return 0;
  }
  if (positionals.length !== 2) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `drift takes two files, <reference> <current>; got ${positionals.length} (see --help)`,
    });
  }
  const cwd = io.cwd ?? process.cwd();
  const [referencePath, currentPath] = positionals.map((path) => resolve(cwd, path)) as [string, string];
  const categorical = splitNames(values.categorical);
  const numeric = splitNames(values.numeric);
  const exclude = splitNames(values.exclude);
  const options: CompareDatasetsOptions = {
    categorical,
    numeric,
    exclude,
    ...(values.alpha === undefined ? {} : { alpha: numberFlag('--alpha', values.alpha) }),
    ...(values.correction === undefined ? {} : { correction: choiceFlag('--correction', values.correction, pValueCorrections) }),
    ...(values['effect-metric'] === undefined ? {} : { effectMetric: choiceFlag('--effect-metric', values['effect-metric'], effectMetrics) }),
    ...(values['drift-share'] === undefined ? {} : { driftShareThreshold: numberFlag('--drift-share', values['drift-share']) }),
  };

  const sizes = await Promise.all(
    [referencePath, currentPath].map(async (path) => {
      try {
        const info = await stat(path);
        if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
        return info.size;
      } catch (error) {
        throw fileError(displayPath(cwd, path), error);
      }
    }),
  );
  await checkNamedColumnsEarly([referencePath, currentPath], [...categorical, ...numeric, ...exclude]);

  const totalBytes = sizes[0]! + sizes[1]!;
  let bytesRead = 0;
  const progress =
    !values.quiet && (Math.max(...sizes) > progressThresholdBytes || io.stderr.isTTY === true)
      ? startProgressReporter({ output: io.stderr, totalBytes, bytesRead: () => bytesRead })
      : undefined;
  const declaredKinds = Object.fromEntries([
    ...categorical.map((name) => [name, 'categorical'] as const),
    ...numeric.map((name) => [name, 'numeric'] as const),
  ]);
  let aligned: AlignedDatasets;
  try {
    aligned = await readAligned({
      referencePath,
      currentPath,
      declaredKinds,
      exclude,
      cwd,
      // DRIFTWATCH_THREADS=1 reads the files one after the other in the main thread.
      parallel: (io.env ?? process.env).DRIFTWATCH_THREADS !== '1' && availableParallelism() > 1,
      onBytesRead: (bytes) => {
        bytesRead += bytes;
      },
    });
  } finally {
    progress?.stop();
  }
  const report = compareDatasets(aligned.reference as DatasetInput, aligned.current as DatasetInput, options);
  const referenceLabel = displayPath(cwd, referencePath);
  const currentLabel = displayPath(cwd, currentPath);
  const notes = [...aligned.notes, ...reportNotes(report)];

  if (values.html !== undefined) {
    const htmlPath = resolve(cwd, values.html);
    const html = renderHtmlReport(report, { referenceLabel, currentLabel, notes, generatedAt: (io.now ?? (() => new Date()))() });
    try {
      await writeFile(htmlPath, html);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (error as Error).message;
      throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `cannot write ${values.html}: ${reason}`, cause: error });
    }
    io.stderr.write(`driftwatch: wrote ${displayPath(cwd, htmlPath)}\n`);
  }
  if (values.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const env = io.env ?? process.env;
    const color = io.stdout.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb';
    io.stdout.write(formatDriftTable(report, { referenceLabel, currentLabel, notes, color }));
  }
  return report.drifted ? 1 : 0;
}

/**
 * Reads both files and aligns them. Kept apart so the read columns (the categorical codes in
 * particular) can be collected once aligned, before compareDatasets allocates its own copies.
 */
async function readAligned(options: ReadDatasetPairOptions & { cwd: string }): Promise<AlignedDatasets> {
  const { cwd, ...readOptions } = options;
  let pair: Awaited<ReturnType<typeof readDatasetPair>>;
  try {
    pair = await readDatasetPair(readOptions);
  } catch (error) {
    throw DriftwatchError.isInstance(error) ? relativize(error, cwd) : error;
  }
  for (const [role, dataset] of [['reference', pair.reference], ['current', pair.current]] as const) {
    if (dataset.rowCount === 0) {
      throw new DriftwatchError({
        code: 'EMPTY_SAMPLE',
        message: `the ${role} file ${displayPath(cwd, dataset.path)} has no data rows`,
        details: { role, path: dataset.path },
      });
    }
  }
  return alignDatasets(pair.reference, pair.current);
}

function numberFlag(flag: string, text: string): number {
  const number = Number(text);
  if (text.trim() === '' || !Number.isFinite(number)) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `${flag} needs a number, got "${text}"` });
  }
  return number;
}

function choiceFlag<const Choice extends string>(flag: string, text: string, choices: readonly Choice[]): Choice {
  if (!(choices as readonly string[]).includes(text)) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: `${flag} must be one of ${choices.join(', ')}; got "${text}"` });
  }
  return text as Choice;
}

/**
 * When both files are CSV, checks names given to --categorical, --numeric and --exclude against
 * the two headers before streaming anything, with the same rule and message as compareDatasets:
 * a name must be a column of at least one file. JSON Lines keys are only known at the end, so
 * compareDatasets checks those.
 */
async function checkNamedColumnsEarly(paths: readonly string[], named: readonly string[]): Promise<void> {
  if (named.length === 0) return;
  const known = new Set<string>();
  for (const path of paths) {
    if ((await detectInputFormat(path)) !== 'csv') return;
    const header = await peekCsvHeader(path);
    if (header === undefined) return;
    for (const name of header) known.add(name);
  }
  const unknown = [...new Set(named)].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new DriftwatchError({
      code: 'UNKNOWN_COLUMN',
      message: `Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`,
      details: { columns: unknown, available: [...known] },
    });
  }
}

function displayPath(cwd: string, path: string): string {
  const shown = relative(cwd, path);
  return shown === '' || shown.startsWith('..') ? path : shown;
}

/** Error messages name files as the user typed them rather than as absolute paths. */
function relativize(error: DriftwatchError, cwd: string): DriftwatchError {
  const path = error.details.path;
  if (typeof path !== 'string' || !error.message.includes(path)) return error;
  return new DriftwatchError({
    code: error.code,
    message: error.message.split(path).join(displayPath(cwd, path)),
    cause: error.cause,
    details: error.details,
  });
}
