import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileArtifactStore } from './create-file-artifact-store.js';
import { createInlineArtifactStore } from './create-inline-artifact-store.js';

const directories: string[] = [];
async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'driftwatch-artifacts-'));
  directories.push(directory);
  return directory;
}
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

const content = { flavor: 'constant', formatVersion: 1, data: { weights: [0.1, 0.2], name: 'm' } };

describe('createInlineArtifactStore', () => {
  it('keeps the data inline with the SHA-256 of its canonical JSON, whatever the key order', async () => {
    const store = createInlineArtifactStore();
    const artifact = await store.save(content);
    expect(artifact).toMatchObject({ flavor: 'constant', formatVersion: 1, data: content.data });
    expect(artifact.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.load({ ...artifact, data: { name: 'm', weights: [0.1, 0.2] } })).toEqual(content.data);
  });

  it('rejects changed data with VALIDATION_FAILED, and a file artifact with INVALID_ARGUMENT', async () => {
    const store = createInlineArtifactStore();
    const artifact = await store.save(content);
    await expect(store.load({ ...artifact, data: { ...content.data, name: 'x' } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(store.load({ flavor: 'f', formatVersion: 1, uri: 'a.json' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('createFileArtifactStore', () => {
  it('writes one content-addressed file per distinct artifact and loads it back', async () => {
    const directory = join(await temporaryDirectory(), 'nested');
    const store = createFileArtifactStore({ directory });
    const artifact = await store.save(content);
    expect(artifact.data).toBeUndefined();
    expect(artifact.uri).toBe(`${artifact.sha256}.json`);
    expect(await store.save({ ...content, data: { name: 'm', weights: [0.1, 0.2] } })).toEqual(artifact);
    expect(await readdir(directory)).toEqual([artifact.uri]);
    expect(await store.load(artifact)).toEqual(content.data);
    // Inline artifacts registered before the switch to files still load.
    expect(await store.load(await createInlineArtifactStore().save(content))).toEqual(content.data);
  });

  it('rejects a changed file with VALIDATION_FAILED, a missing one with NOT_FOUND, and a uri outside the store', async () => {
    const directory = await temporaryDirectory();
    const store = createFileArtifactStore({ directory });
    const artifact = await store.save(content);
    await writeFile(join(directory, artifact.uri!), JSON.stringify({ weights: [9], name: 'm' }));
    await expect(store.load(artifact)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await rm(join(directory, artifact.uri!));
    await expect(store.load(artifact)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.load({ ...artifact, uri: '../../etc/passwd' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(() => createFileArtifactStore({ directory: '' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
