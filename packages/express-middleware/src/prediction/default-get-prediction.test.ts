import { describe, expect, it } from 'vitest';
import { defaultGetPrediction } from './default-get-prediction.js';

describe('defaultGetPrediction', () => {
  it.each([
    [{ label: 'Yes', score: 0.71 }, { label: 'Yes', score: 0.71 }],
    [{ prediction: 1, probability: 0.93 }, { label: 1, score: 0.93 }],
    [{ prediction: { label: true, score: 0.2 } }, { label: true, score: 0.2 }],
    [{ prediction: { prediction: 'No' }, probability: 0.1 }, { label: 'No', score: 0.1 }],
    [{ label: 'Yes', prediction: 'No', score: 0.5, probability: 0.4 }, { label: 'Yes', score: 0.5 }],
    [{ score: Number.NaN, label: { not: 'a label' } }, {}],
    [[{ label: 'Yes' }], {}],
    ['Yes', {}],
    [null, {}],
  ])('reads %j as %j', (body, expected) => {
    expect(defaultGetPrediction(body)).toEqual(expected);
  });
});
