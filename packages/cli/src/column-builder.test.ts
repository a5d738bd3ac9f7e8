import { describe, expect, it } from 'vitest';
import { createColumnBuilder } from './column-builder.js';
import { materializeColumn } from './materialize-column.js';
import { recodeAsCategorical } from './recode-as-categorical.js';

function fromTexts(texts: readonly string[], declaredKind?: 'numeric' | 'categorical') {
  const builder = createColumnBuilder({ name: 'column', declaredKind });
  for (const text of texts) builder.appendText(text);
  return builder.finish();
}

function fromValues(values: readonly unknown[], declaredKind?: 'numeric' | 'categorical') {
  const builder = createColumnBuilder({ name: 'column', declaredKind });
  for (const value of values) builder.appendValue(value);
  return builder.finish();
}

describe('createColumnBuilder, CSV text', () => {
  it('infers numeric while every non-blank value is a decimal number', () => {
    const column = fromTexts(['1', ' 2.5 ', '-3e2', '.5']);
    expect(column.kind).toBe('numeric');
    expect(column.kindSource).toBe('inferred');
    expect(Array.from(materializeColumn(column) as Float64Array)).toEqual([1, 2.5, -300, 0.5]);
    expect(column.firstNonNumeric).toBeUndefined();
  });

  it('counts only blank and whitespace-only fields as missing, as NaN in a numeric column', () => {
    const column = fromTexts(['29.85', '', ' ', '\t', '1889.5']);
    expect(column.kind).toBe('numeric');
    expect(column.missingCount).toBe(3);
    const values = materializeColumn(column) as Float64Array;
    expect(values).toBeInstanceOf(Float64Array);
    expect(Array.from(values).map((value) => (Number.isNaN(value) ? 'NaN' : value))).toEqual([29.85, 'NaN', 'NaN', 'NaN', 1889.5]);
  });

  it('turns categorical at the first non-numeric value and re-encodes earlier numbers as String(n)', () => {
    const column = fromTexts(['1', '2.50', '', 'abc', '7']);
    expect(column.kind).toBe('categorical');
    expect(column.firstNonNumeric).toEqual({ row: 4, value: 'abc' });
    expect(materializeColumn(column)).toEqual(['1', '2.5', null, 'abc', '7']);
    expect(column.missingCount).toBe(1);
  });

  it('treats NA-like words, Infinity and hexadecimal text as categories, not numbers or missing', () => {
    expect(fromTexts(['1', 'NA']).kind).toBe('categorical');
    expect(fromTexts(['1', 'NaN']).kind).toBe('categorical');
    expect(fromTexts(['1', 'Infinity']).kind).toBe('categorical');
    expect(fromTexts(['0x1F']).kind).toBe('categorical');
    expect(fromTexts([' 0b11']).kind).toBe('categorical');
    expect(fromTexts(['007', '0.5', '0e1']).kind).toBe('numeric');
  });

  it('interns categories: one dictionary entry per distinct value, shared strings in the output', () => {
    const column = fromTexts(['Yes', 'No', 'Yes', 'Yes', 'No']);
    expect(column.kind).toBe('categorical');
    if (column.kind !== 'categorical') return;
    expect(column.categories).toEqual(['Yes', 'No']);
    expect(Array.from(column.codes)).toEqual([1, 2, 1, 1, 2]);
    expect(materializeColumn(column)).toEqual(['Yes', 'No', 'Yes', 'Yes', 'No']);
  });

  it('keeps a declared categorical column categorical even when it looks numeric', () => {
    const column = fromTexts(['94107', '10001', ''], 'categorical');
    expect(column.kind).toBe('categorical');
    expect(column.kindSource).toBe('declared');
    expect(materializeColumn(column)).toEqual(['94107', '10001', null]);
  });

  it('counts non-numbers in a declared numeric column as missing and invalid', () => {
    const column = fromTexts(['1', 'oops', '', '3'], 'numeric');
    expect(column.kind).toBe('numeric');
    expect(column.invalidCount).toBe(1);
    expect(column.missingCount).toBe(2);
    expect(Array.from(materializeColumn(column) as Float64Array).filter(Number.isFinite)).toEqual([1, 3]);
  });

  it('grows past its initial capacity and trims to the values appended', () => {
    const builder = createColumnBuilder({ name: 'big' });
    for (let index = 0; index < 5000; index++) builder.appendText(String(index));
    const column = builder.finish();
    expect(column.length).toBe(5000);
    expect(column.kind === 'numeric' && column.values.length).toBe(5000);
  });

  it('re-types after growing, keeping every earlier value', () => {
    const builder = createColumnBuilder({ name: 'late' });
    for (let index = 0; index < 3000; index++) builder.appendText(index % 10 === 0 ? '' : String(index));
    builder.appendText('late text');
    const column = builder.finish();
    expect(column.kind).toBe('categorical');
    expect(column.firstNonNumeric?.row).toBe(3001);
    const values = materializeColumn(column);
    expect(values[1]).toBe('1');
    expect(values[10]).toBeNull();
    expect(values[3000]).toBe('late text');
    expect(column.missingCount).toBe(300);
  });

  it('pads with missing values', () => {
    const builder = createColumnBuilder({ name: 'sparse' });
    builder.padTo(2);
    builder.appendText('5');
    expect(builder.length).toBe(3);
    expect(builder.finish().missingCount).toBe(2);
  });
});

describe('createColumnBuilder, JSON values', () => {
  it('keeps numbers numeric and counts null, undefined and blank strings as missing', () => {
    const column = fromValues([1, null, 2.5, undefined, '']);
    expect(column.kind).toBe('numeric');
    expect(column.missingCount).toBe(3);
  });

  it('treats JSON strings as categories even when they look numeric', () => {
    const column = fromValues([1, '94107']);
    expect(column.kind).toBe('categorical');
    expect(column.firstNonNumeric).toEqual({ row: 2, value: '94107' });
    expect(materializeColumn(column)).toEqual(['1', '94107']);
  });

  it('parses numeric strings in a declared numeric column', () => {
    const column = fromValues(['1.5', 2, 'x', true], 'numeric');
    expect(column.kind).toBe('numeric');
    expect(column.invalidCount).toBe(2);
    expect(Array.from(materializeColumn(column) as Float64Array).slice(0, 2)).toEqual([1.5, 2]);
  });

  it('makes booleans and nested values categorical', () => {
    expect(materializeColumn(fromValues([true, false]))).toEqual(['true', 'false']);
    expect(materializeColumn(fromValues([{ a: 1 }, [1, 2]]))).toEqual(['{"a":1}', '[1,2]']);
  });
});

describe('recodeAsCategorical', () => {
  it('re-encodes numbers as String(n) and keeps missing values missing', () => {
    const column = recodeAsCategorical(fromTexts(['1', '', '2.5', '1']));
    expect(column.kind).toBe('categorical');
    expect(column.categories).toEqual(['1', '2.5']);
    expect(materializeColumn(column)).toEqual(['1', null, '2.5', '1']);
    expect(column.missingCount).toBe(1);
  });
});
