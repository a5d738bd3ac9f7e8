import { describe, expect, it } from 'vitest';
import { inferColumnKinds } from './infer-column-kinds.js';

describe('inferColumnKinds', () => {
  it('calls a column numeric when every non-blank cell reads as a number', () => {
    const rows = [
      { tenure: 1, TotalCharges: ' ', SeniorCitizen: '0', Contract: 'One year', flag: true, Churn: 'No' },
      { tenure: '12', TotalCharges: '29.85', SeniorCitizen: '1', Contract: 'Two year', flag: false, Churn: 'Yes' },
      { tenure: null, extra: 'x', Churn: 'No' },
    ];
    expect(inferColumnKinds(rows, { target: 'Churn' })).toEqual({
      Contract: 'categorical',
      SeniorCitizen: 'numeric',
      TotalCharges: 'numeric',
      extra: 'categorical',
      flag: 'categorical',
      tenure: 'numeric',
    });
  });

  it('lets named columns override the guess and drops excluded ones', () => {
    const rows = [{ id: 'a-1', zip: '02139', score: 'high', Churn: 'No' }];
    expect(inferColumnKinds(rows, { target: 'Churn', exclude: ['id'], categorical: ['zip'], numeric: ['score'] })).toEqual({
      score: 'numeric',
      zip: 'categorical',
    });
  });

  it('returns columns in sorted order whatever order the rows list them in', () => {
    const kinds = inferColumnKinds([{ b: 1, a: 'x', y: 1 }, { c: 2, y: 0 }], { target: 'y' });
    expect(Object.keys(kinds)).toEqual(['a', 'b', 'c']);
  });

  it('rejects a column named both categorical and numeric', () => {
    expect(() => inferColumnKinds([], { target: 'y', categorical: ['a'], numeric: ['a'] })).toThrowError(/both categorical and numeric/);
  });
});
