import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peekCsvHeader } from './peek-csv-header.js';

let directory: string;
const file = (name: string, content: string) => {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'driftwatch-peek-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('peekCsvHeader', () => {
  it('reads the header as the reader does: BOM and CR dropped, quotes honoured, blanks named', async () => {
    expect(await peekCsvHeader(file('a.csv', '\uFEFFid,"a, b","say ""hi""",\r\n1,2,3,4\r\n'))).toEqual(['id', 'a, b', 'say "hi"', 'column_4']);
    expect(await peekCsvHeader(file('b.csv', '"two\nlines",y\n1,2\n'))).toEqual(['two\nlines', 'y']);
  });

  it('gives up on what only the full read can judge: no line end, a blank first line, a bad quote', async () => {
    expect(await peekCsvHeader(file('c.csv', 'a,b'))).toBeUndefined();
    expect(await peekCsvHeader(file('d.csv', '\r\na,b\n'))).toBeUndefined();
    expect(await peekCsvHeader(file('e.csv', '"a"b,c\n1,2\n'))).toBeUndefined();
  });
});
