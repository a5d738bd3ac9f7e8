import { stat } from 'node:fs/promises';
import { DriftwatchError } from '@driftwatch/drift';
import { createDatasetBuilder, type BuiltDataset, type DatasetBuilder, type DatasetBuilderOptions } from './dataset-builder.js';
import { detectInputFormat, type InputFormat } from './detect-input-format.js';
import { fileError } from './internal/file-error.js';
import { readCsvInto } from './internal/read-csv-into.js';
import { readJsonlInto } from './internal/read-jsonl-into.js';

/** Options for {@link readDataset}. */
export interface ReadDatasetOptions extends DatasetBuilderOptions {
  /** The file to read. */
  path: string;
  /** The file's format. @default detected by {@link detectInputFormat} */
  format?: InputFormat;
  /** Called with the size of every chunk read, for progress. @default undefined */
  onBytesRead?: (bytes: number) => void;
}

/** A file read into columns. */
export interface ReadDatasetResult extends BuiltDataset {
  path: string;
  format: InputFormat;
  sizeBytes: number;
}

/**
 * Streams a CSV or JSON Lines file into columns. The file text and row objects are never held:
 * memory grows with 8 bytes per numeric value, 4 per categorical value and one string per
 * distinct category.
 *
 * Fails with `NOT_FOUND` for a missing file and `PARSE_FAILED` for malformed content.
 *
 * @example
 * ```ts
 * import { readDataset } from '@driftwatch/cli';
 * const dataset = await readDataset({ path: 'reference.csv', exclude: ['customerID'] });
 * console.log(dataset.rowCount, dataset.columns.map((column) => `${column.name}:${column.kind}`));
 * ```
 */
export async function readDataset(options: ReadDatasetOptions): Promise<ReadDatasetResult> {
  const { path } = options;
  const onBytesRead = options.onBytesRead ?? (() => {});
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const format = options.format ?? (await detectInputFormat(path));
    const builder = createDatasetBuilder(options);
    const onChunk = reserveByEstimate(builder, info.size, onBytesRead);
    if (format === 'csv') await readCsvInto(path, builder, onChunk);
    else await readJsonlInto(path, builder, onChunk);
    return { ...builder.finish(), path, format, sizeBytes: info.size };
  } catch (error) {
    if (DriftwatchError.isInstance(error)) throw error;
    throw fileError(path, error);
  }
}

/** Bytes to read before the row count of the whole file is estimated from the rows seen so far. */
const estimateAfterBytes = 1024 * 1024;

/**
 * Wraps the byte callback: once a megabyte has been read, reserves column storage for the
 * estimated row count plus 5%, so a large file fills each column in one allocation instead of
 * growing it by copies. A wrong estimate only costs growth as usual.
 */
function reserveByEstimate(builder: DatasetBuilder, sizeBytes: number, onBytesRead: (bytes: number) => void) {
  let seen = 0;
  let reserved = sizeBytes < 2 * estimateAfterBytes;
  return (bytes: number) => {
    onBytesRead(bytes);
    // Rows parsed so far come from the chunks before this one.
    const parsed = seen;
    seen += bytes;
    if (!reserved && parsed >= estimateAfterBytes && builder.rowCount > 0) {
      reserved = true;
      builder.reserve(Math.ceil(((builder.rowCount * sizeBytes) / parsed) * 1.05));
    }
  };
}
