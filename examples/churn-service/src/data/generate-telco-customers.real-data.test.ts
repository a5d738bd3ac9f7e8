import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rocAuc } from '@driftwatch/drift';
import { trainClassifier, type TabularRow } from '@driftwatch/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTelcoCustomers } from './generate-telco-customers.js';
import { readTelcoData, telcoDataAvailable, telcoDataDirectory } from './read-telco-data.js';

/** How far the AUC on real test rows may fall when the model is trained on synthetic rows instead of real ones. */
const aucTolerance = 0.03;
const options = { target: 'Churn', positive: 'Yes', flavor: 'logistic', exclude: ['customerID'] } as const;

describe.skipIf(!telcoDataAvailable())(`synthetic Telco data against the real data (runs only where ${telcoDataDirectory} exists)`, () => {
  let train: TabularRow[];
  let test: TabularRow[];
  beforeAll(() => {
    const data = readTelcoData();
    train = data.split.train.map((index) => data.rows[index]!);
    test = data.split.test.map((index) => data.rows[index]!);
  });

  it(`trains a logistic model on synthetic rows that scores real test rows within ${aucTolerance} AUC of one trained on real rows`, async () => {
    const actual = test.map((row) => row.Churn as string);
    const realModel = await trainClassifier(train, options);
    const syntheticModel = await trainClassifier(generateTelcoCustomers({ count: 20_000, seed: 1 }), options);
    const realAuc = rocAuc(actual, realModel.predictProba(test), { positive: 'Yes' });
    const syntheticAuc = rocAuc(actual, syntheticModel.predictProba(test), { positive: 'Yes' });
    console.log(`AUC on the 1,409 real test rows: trained on real ${realAuc.toFixed(4)}, trained on synthetic ${syntheticAuc.toFixed(4)}`);
    expect(realAuc).toBeGreaterThan(0.83);
    expect(syntheticAuc).toBeGreaterThan(realAuc - aucTolerance);
  });

  it('reproduces telco-parameters.json byte for byte when the fit script runs again', () => {
    const directory = mkdtempSync(join(tmpdir(), 'telco-parameters-'));
    try {
      const output = join(directory, 'telco-parameters.json');
      const tsx = createRequire(import.meta.url).resolve('tsx/cli');
      const script = fileURLToPath(new URL('../../scripts/fit-telco-parameters.ts', import.meta.url));
      execFileSync(process.execPath, [tsx, script, '--output', output], { stdio: 'pipe' });
      expect(readFileSync(output, 'utf8')).toBe(readFileSync(new URL('../../telco-parameters.json', import.meta.url), 'utf8'));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
