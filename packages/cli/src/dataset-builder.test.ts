import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '@driftwatch/drift';
import { createDatasetBuilder } from './dataset-builder.js';
import { materializeColumn } from './materialize-column.js';

describe('createDatasetBuilder', () => {
  it('builds CSV records column by column and skips excluded columns entirely', () => {
    const builder = createDatasetBuilder({ exclude: ['customerID'], declaredKinds: { zip: 'categorical' } });
    builder.setHeader(['customerID', 'tenure', 'zip']);
    builder.appendRecord(['A-1', '1', '94107']);
    builder.appendRecord(['A-2', '', '10001']);
    const dataset = builder.finish();
    expect(dataset.names).toEqual(['customerID', 'tenure', 'zip']);
    expect(dataset.rowCount).toBe(2);
    expect(dataset.columns.map((column) => [column.name, column.kind, column.kindSource])).toEqual([
      ['tenure', 'numeric', 'inferred'],
      ['zip', 'categorical', 'declared'],
    ]);
  });

  it('names blank header cells by position and rejects duplicate names', () => {
    const builder = createDatasetBuilder();
    builder.setHeader(['', 'a']);
    expect(builder.finish().names).toEqual(['column_1', 'a']);
    const duplicate = createDatasetBuilder();
    try {
      duplicate.setHeader(['a', 'b', 'a']);
      expect.unreachable();
    } catch (error) {
      expect(DriftwatchError.isInstance(error) && error.code).toBe('PARSE_FAILED');
    }
  });

  it('takes the union of JSON keys, with rows before a key first appears counted as missing', () => {
    const builder = createDatasetBuilder();
    builder.appendObject({ a: 1 });
    builder.appendObject({ a: 2, b: 'x' });
    builder.appendObject({ b: 'y' });
    const dataset = builder.finish();
    expect(dataset.names).toEqual(['a', 'b']);
    const [a, b] = dataset.columns;
    expect(Array.from(materializeColumn(a!) as Float64Array).map((value) => (Number.isNaN(value) ? null : value))).toEqual([1, 2, null]);
    expect(materializeColumn(b!)).toEqual([null, 'x', 'y']);
    expect(b!.missingCount).toBe(1);
  });

  it('keeps values intact when storage is reserved ahead', () => {
    const builder = createDatasetBuilder();
    builder.setHeader(['n', 'c']);
    builder.appendRecord(['1', 'a']);
    builder.reserve(10_000);
    for (let index = 2; index <= 5000; index++) builder.appendRecord([String(index), index % 2 ? 'a' : 'b']);
    const [numbers, categories] = builder.finish().columns;
    expect(numbers!.length).toBe(5000);
    expect((materializeColumn(numbers!) as Float64Array)[4999]).toBe(5000);
    expect(materializeColumn(categories!).slice(0, 3)).toEqual(['a', 'b', 'a']);
  });
});
