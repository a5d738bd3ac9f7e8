import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriftwatchError } from '@driftwatch/drift';
import { detectInputFormat } from './detect-input-format.js';
import { readChunkBytes } from './internal/read-csv-into.js';
import { materializeColumn } from './materialize-column.js';
import { readDataset } from './read-dataset.js';
import { readDatasetPair } from './read-dataset-pair.js';

let directory: string;
const file = (name: string, content: string | Buffer) => {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
};

async function failure(promise: Promise<unknown>): Promise<DriftwatchError> {
  try {
    await promise;
  } catch (error) {
    if (DriftwatchError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a DriftwatchError');
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'driftwatch-read-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('readDataset, CSV', () => {
  it('handles a BOM, CRLF line ends, quoted delimiters and newlines, and blank lines', async () => {
    const path = file('quoted.csv', '\uFEFFname,amount\r\n"Smith, Jo",1.5\r\n\r\n"two\nlines",2\r\n"say ""hi""",\r\n');
    const dataset = await readDataset({ path });
    expect(dataset.format).toBe('csv');
    expect(dataset.rowCount).toBe(3);
    const [name, amount] = dataset.columns;
    expect(name!.name).toBe('name');
    expect(materializeColumn(name!)).toEqual(['Smith, Jo', 'two\nlines', 'say "hi"']);
    expect(amount!.kind).toBe('numeric');
    expect(amount!.missingCount).toBe(1);
  });

  it('reads RFC 4180 quoting across read chunks that end inside quoted fields, line ends and characters', async () => {
    // Fields with commas, doubled quotes and CRLFs, padded so that a read chunk ends at each
    // awkward place: after a closing quote, between its CR and LF, inside a doubled quote,
    // inside a quoted CRLF, and inside a multi-byte character.
    let text = 'id,amount,note\r\n';
    let textBytes = text.length;
    const notes: string[] = [];
    const add = (rawNote: string, note: string) => {
      notes.push(note);
      const line = `${notes.length},${notes.length % 5 === 0 ? '' : notes.length / 4},${rawNote}`;
      text += line;
      textBytes += Buffer.byteLength(line);
    };
    const filler = () => add('"pad, ""x""\r\nz ü"\r\n', 'pad, "x"\r\nz ü');
    const splitAt = (boundary: number, parts: (pad: string) => [before: string, after: string, note: string], offset = 0) => {
      while (textBytes < boundary - 200) filler();
      const head = `${notes.length + 1},${(notes.length + 1) % 5 === 0 ? '' : (notes.length + 1) / 4},`;
      const padLength = boundary - offset - textBytes - Buffer.byteLength(head + parts('')[0]);
      const [before, after, note] = parts('p'.repeat(padLength));
      add(before + after, note);
      expect(textBytes - Buffer.byteLength(after)).toBe(boundary - offset);
    };
    splitAt(readChunkBytes, (pad) => [`"${pad}"`, '\r\n', pad]);
    splitAt(2 * readChunkBytes, (pad) => [`"${pad}"\r`, '\n', pad]);
    splitAt(3 * readChunkBytes, (pad) => [`"${pad}"`, '"q"\r\n', `${pad}"q`]);
    splitAt(4 * readChunkBytes, (pad) => [`"${pad}\r`, '\nq"\r\n', `${pad}\r\nq`]);
    splitAt(5 * readChunkBytes, (pad) => [`"${pad}`, '€"\r\n', `${pad}€`], 1);
    for (let index = 0; index < 500; index++) filler();
    const path = file('chunks.csv', text);
    let bytes = 0;
    const dataset = await readDataset({ path, exclude: ['id'], onBytesRead: (count) => (bytes += count) });
    expect(bytes).toBe(Buffer.byteLength(text));
    expect(dataset.rowCount).toBe(notes.length);
    const [amount, note] = dataset.columns;
    expect(materializeColumn(note!)).toEqual(notes);
    expect(amount!.kind).toBe('numeric');
    expect(amount!.missingCount).toBe(Math.floor(notes.length / 5));
  });

  it('never guesses the delimiter and keeps multi-byte text whole', async () => {
    // Papa Parse, left to guess, would split this one-column file on ";".
    const rows = Array.from({ length: 30_000 }, (_, index) => (index % 2 ? 'x;b' : 'Zürich 🚲;a'));
    const dataset = await readDataset({ path: file('one-column.csv', `range;unit\n${rows.join('\n')}\n`) });
    expect(dataset.names).toEqual(['range;unit']);
    const column = dataset.columns[0]!;
    expect(column.kind === 'categorical' && column.categories.sort()).toEqual(['Zürich 🚲;a', 'x;b']);
  });

  it('names the starting line of a ragged record after records that span lines', async () => {
    const error = await failure(readDataset({ path: file('ragged-late.csv', 'a,b\n"x\ny",1\n\n"p,q",2\n3,4,5\n') }));
    expect(error.message).toMatch(/line 6: 3 fields where the header has 2/);
  });

  it('fails with PARSE_FAILED for an unclosed quote or text after a closing quote', async () => {
    const unclosed = await failure(readDataset({ path: file('unclosed.csv', 'a,b\n1,2\n"open,3\n4,5\n') }));
    expect(unclosed.code).toBe('PARSE_FAILED');
    expect(unclosed.message).toMatch(/line 3: a quoted field is not closed/);
    const trailing = await failure(readDataset({ path: file('trailing.csv', 'a,b\n1,2\n"x"y,3\n') }));
    expect(trailing.message).toMatch(/line 3: a closing quote is followed by/);
  });

  it('fails with PARSE_FAILED for a duplicate header name', async () => {
    expect((await failure(readDataset({ path: file('duplicate.csv', 'a,a\n1,2\n') }))).message).toMatch(/duplicate column name "a"/);
  });

  it('fails with PARSE_FAILED and the line number for a ragged record', async () => {
    const error = await failure(readDataset({ path: file('ragged.csv', 'a,b\n1,2\n3\n') }));
    expect(error.code).toBe('PARSE_FAILED');
    expect(error.message).toMatch(/line 3/);
  });

  it('fails with NOT_FOUND for a missing file and INVALID_ARGUMENT for a directory', async () => {
    expect((await failure(readDataset({ path: join(directory, 'absent.csv') }))).code).toBe('NOT_FOUND');
    expect((await failure(readDataset({ path: directory }))).code).toBe('INVALID_ARGUMENT');
  });

  it('reads a multi-megabyte file with reserved storage to the same values', async () => {
    const lines = ['x,y'];
    for (let index = 0; index < 300_000; index++) lines.push(`${index},${index % 3 === 0 ? '' : `c${index % 7}`}`);
    const dataset = await readDataset({ path: file('large.csv', `${lines.join('\n')}\n`) });
    expect(dataset.sizeBytes).toBeGreaterThan(2 * 1024 * 1024);
    const [x, y] = dataset.columns;
    const values = materializeColumn(x!) as Float64Array;
    expect(values.length).toBe(300_000);
    expect(values[123_456]).toBe(123_456);
    expect(y!.missingCount).toBe(300_000 / 3);
  });
});

describe('readDataset, JSON Lines', () => {
  it('reads one object per line, skipping blank lines, with null and absent keys missing', async () => {
    const path = file('rows.jsonl', '\uFEFF{"a":1,"b":"x"}\n\n{"a":null}\r\n{"a":3,"b":"y","c":true}');
    const dataset = await readDataset({ path });
    expect(dataset.format).toBe('jsonl');
    expect(dataset.rowCount).toBe(3);
    expect(dataset.names).toEqual(['a', 'b', 'c']);
    expect(dataset.columns.map((column) => column.missingCount)).toEqual([1, 1, 2]);
  });

  it('decodes multi-byte characters split across read chunks', async () => {
    const lines = Array.from({ length: 20_000 }, (_, index) => JSON.stringify({ city: index % 2 ? 'Zürich' : 'Kraków 🚲' }));
    const dataset = await readDataset({ path: file('unicode.jsonl', lines.join('\n')) });
    const column = dataset.columns[0]!;
    expect(column.kind === 'categorical' && column.categories.sort()).toEqual(['Kraków 🚲', 'Zürich']);
  });

  it('fails with PARSE_FAILED naming the line for invalid JSON or a non-object', async () => {
    expect((await failure(readDataset({ path: file('bad.jsonl', '{"a":1}\n{oops}\n') }))).message).toMatch(/line 2/);
    expect((await failure(readDataset({ path: file('array.jsonl', '[1,2]\n') }))).message).toMatch(/line 1 is not a JSON object/);
  });
});

describe('detectInputFormat', () => {
  it('goes by extension, then by the first non-blank character', async () => {
    expect(await detectInputFormat(file('a.ndjson', 'x'))).toBe('jsonl');
    expect(await detectInputFormat(file('b.CSV', '{'))).toBe('csv');
    expect(await detectInputFormat(file('c.txt', '\uFEFF  \n{"a":1}'))).toBe('jsonl');
    expect(await detectInputFormat(file('d', 'a,b\n1,2'))).toBe('csv');
  });
});

describe('readDatasetPair', () => {
  it('reads both files, in this thread when no built worker is beside the module', async () => {
    let bytes = 0;
    const { reference, current } = await readDatasetPair({
      referencePath: file('r.csv', 'a\n1\n2\n'),
      currentPath: file('c.jsonl', '{"a":5}\n'),
      onBytesRead: (count) => (bytes += count),
    });
    expect([reference.rowCount, current.rowCount]).toEqual([2, 1]);
    expect(bytes).toBe(6 + 8);
  });
});
