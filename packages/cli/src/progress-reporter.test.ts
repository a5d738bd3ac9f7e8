import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startProgressReporter } from './progress-reporter.js';

function recorder(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, output: { isTTY, write: (text: string) => writes.push(text) } };
}

describe('startProgressReporter', () => {
  it('redraws one line on a terminal and clears it when stopped', async () => {
    const { writes, output } = recorder(true);
    let bytes = 0;
    const progress = startProgressReporter({ output, totalBytes: 4 * 1024 * 1024, bytesRead: () => bytes, intervalMillis: 5 });
    bytes = 1024 * 1024;
    await sleep(40);
    progress.stop();
    progress.stop();
    expect(writes[0]).toBe('\r\u001b[2Kdriftwatch: reading 1.0 / 4.0 MB (25%)');
    expect(writes.at(-1)).toBe('\r\u001b[2K');
    expect(writes.filter((text) => text === '\r\u001b[2K')).toHaveLength(1);
  });

  it('writes whole lines elsewhere and nothing once stopped', async () => {
    const { writes, output } = recorder(false);
    const progress = startProgressReporter({ output, totalBytes: 100, bytesRead: () => 50, intervalMillis: 5 });
    await sleep(30);
    progress.stop();
    const count = writes.length;
    await sleep(20);
    expect(writes.length).toBe(count);
    expect(writes[0]).toMatch(/^driftwatch: reading 0\.0 \/ 0\.0 MB \(50%\)\n$/);
  });

  it('prints nothing when stopped before the first tick', () => {
    const { writes, output } = recorder(true);
    startProgressReporter({ output, totalBytes: 100, bytesRead: () => 0 }).stop();
    expect(writes).toEqual([]);
  });
});
