import { describe, expect, it } from 'vitest';
import { createInMemoryRegistryStore } from './in-memory-registry-store.js';

const at = new Date(Date.UTC(2026, 0, 5));

describe('createInMemoryRegistryStore', () => {
  it('keeps its own copy of what it is given', async () => {
    const store = createInMemoryRegistryStore();
    const evidence = { lowerBound: 0.01 };
    const record = { modelName: 'churn', artifact: { flavor: 'f', formatVersion: 1, data: { value: 1 } }, params: {}, metrics: {}, tags: { a: '1' }, createdAt: at };
    await store.createModelVersion(record);
    record.tags.a = 'changed';
    record.artifact.data.value = 2;
    await store.moveAlias({ modelName: 'churn', alias: 'champion', expectedVersion: undefined, toVersion: 1, actor: 'a', reason: 'r', evidence, at });
    evidence.lowerBound = -1;
    expect((await store.readModelVersion('churn', 1))!.tags).toEqual({ a: '1' });
    expect((await store.readModelVersion('churn', 1))!.artifact.data).toEqual({ value: 1 });
    expect((await store.readAliasHistory('churn'))[0]!.evidence).toEqual({ lowerBound: 0.01 });
  });

  it('refuses a move that neither expects nor sets a version', async () => {
    const store = createInMemoryRegistryStore();
    await expect(
      store.moveAlias({ modelName: 'churn', alias: 'champion', expectedVersion: undefined, toVersion: undefined, actor: 'a', reason: 'r', at }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
