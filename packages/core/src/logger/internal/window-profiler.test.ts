import { describe, expect, it } from 'vitest';
import { compileGather, interpretGather } from './window-profiler.js';

describe('window profiler gatherers', () => {
  it('the generated gatherer reads the same values as the interpreted fallback, odd names included', () => {
    const names = ['tenure', 'prediction.score', "it's \"quoted\"\n", '__proto__', 'prediction.label', 'absent'];
    const features = { tenure: 3, "it's \"quoted\"\n": 'x' };
    const compiled = compileGather(names)!;
    expect(compiled).toBeTypeOf('function');
    for (const prediction of [{ score: 0.4, label: 'yes' }, undefined, {}]) {
      const fromCompiled = new Array<unknown>(names.length);
      const fromInterpreted = new Array<unknown>(names.length);
      compiled(features, prediction, fromCompiled);
      interpretGather(names)(features, prediction, fromInterpreted);
      expect(fromCompiled).toEqual(fromInterpreted);
    }
  });
});
