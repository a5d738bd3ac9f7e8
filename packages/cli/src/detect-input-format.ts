import { open } from 'node:fs/promises';
import { extname } from 'node:path';

/** Input formats the CLI reads. */
export const inputFormats = ['csv', 'jsonl'] as const;
/** An input format. */
export type InputFormat = (typeof inputFormats)[number];

const sniffBytes = 4096;

/**
 * The format of a data file: `.csv` is CSV, `.jsonl` and `.ndjson` are JSON Lines; any other
 * name is sniffed from its first bytes, where a leading `{` (after a BOM and whitespace) means
 * JSON Lines and anything else CSV.
 *
 * @example
 * ```ts
 * import { detectInputFormat } from '@driftwatch/cli';
 * const format = await detectInputFormat('events.log'); // 'jsonl' when it starts with '{'
 * ```
 */
export async function detectInputFormat(path: string): Promise<InputFormat> {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(sniffBytes);
    const { bytesRead } = await handle.read(buffer, 0, sniffBytes, 0);
    const text = buffer.toString('utf8', 0, bytesRead).replace(/^\uFEFF/, '').trimStart();
    return text.startsWith('{') ? 'jsonl' : 'csv';
  } finally {
    await handle.close();
  }
}
