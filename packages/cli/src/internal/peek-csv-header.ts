import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
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
  try {
    const records = parse(text.slice(0, end), { bom: true }) as string[][];
    return records[0] === undefined ? undefined : normalizeHeader(records[0]);
  } catch {
    return undefined;
  }
}
