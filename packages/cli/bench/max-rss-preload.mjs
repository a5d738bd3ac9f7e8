// Preloaded with `node --import` by run.mjs: reports the process's peak resident set size and
// its CPU time, worker threads included, on stderr at exit, where the benchmark reads them.
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    process.stderr.write(`\nDRIFTWATCH_BENCH maxRssKiB=${usage.maxRSS} cpuMicros=${usage.userCPUTime + usage.systemCPUTime}\n`);
  });
}
