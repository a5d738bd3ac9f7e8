import { createReadStream } from 'node:fs';
import { DriftwatchError } from '@driftwatch/drift';
import type { DatasetBuilder } from '../dataset-builder.js';
import { readChunkBytes } from './read-csv-into.js';

const newline = 0x0a;

/**
 * Streams a JSON Lines file into `builder`, one object per line. Lines are cut on the byte
 * `\n`, which never occurs inside a multi-byte UTF-8 sequence, so each line decodes whole.
 * Blank lines are skipped.
 */
export async function readJsonlInto(path: string, builder: DatasetBuilder, onBytesRead: (bytes: number) => void): Promise<void> {
  let remainder: Buffer | undefined;
  let lineNumber = 0;
  const handleLine = (buffer: Buffer, start: number, end: number): void => {
    lineNumber++;
    let text = buffer.toString('utf8', start, end);
    if (lineNumber === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new DriftwatchError({
        code: 'PARSE_FAILED',
        message: `cannot parse ${path} line ${lineNumber} as JSON: ${(error as Error).message}`,
        cause: error,
        details: { path, line: lineNumber },
      });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DriftwatchError({
        code: 'PARSE_FAILED',
        message: `${path} line ${lineNumber} is not a JSON object`,
        details: { path, line: lineNumber },
      });
    }
    builder.appendObject(value as Record<string, unknown>);
  };

  for await (const chunk of createReadStream(path, { highWaterMark: readChunkBytes })) {
    const bytes = chunk as Buffer;
    onBytesRead(bytes.length);
    const buffer = remainder === undefined ? bytes : Buffer.concat([remainder, bytes]);
    let start = 0;
    let end: number;
    while ((end = buffer.indexOf(newline, start)) !== -1) {
      handleLine(buffer, start, end);
      start = end + 1;
    }
    remainder = start < buffer.length ? buffer.subarray(start) : undefined;
  }
  if (remainder !== undefined) handleLine(remainder, 0, remainder.length);
}
