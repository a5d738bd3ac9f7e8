import { open } from 'node:fs/promises';
import Papa from 'papaparse';
import { normalizeHeader } from './normalize-header.js';

const peekBytes = 64 * 1024;

/**
 * The header of a CSV file from its first 64 KiB, so that a misspelt column name fails at once
 * instead of after streaming a large file. Undefined when the header cannot be read that way.
 */
export async function peekCsvHeader(path: string): Promise<string[] | undefined> {
  const handle = await open(path, 'r');
  let text: string;
  try {
    const buffer = Buffer.alloc(peekBytes);
    const { bytesRead } = await handle.read(buffer, 0, peekBytes, 0);
    text = buffer.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
  let quoted = false;
  let end = -1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 34) quoted = !quoted;
    else if (code === 10 && !quoted) {
      end = index;
      break;
    }
  }
  if (end === -1) return undefined;
  // The header line alone, as readCsvInto reads it: comma-separated, a UTF-8 BOM and a CR dropped.
  // A blank first line is skipped by the reader, so the header is elsewhere: leave it to the read.
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const line = text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
  if (line === '') return undefined;
  const { data, errors } = Papa.parse<string[]>(line, { delimiter: ',', newline: '\n', header: false });
  const header = data[0];
  return errors.length > 0 || data.length !== 1 || header === undefined ? undefined : normalizeHeader(header);
}
