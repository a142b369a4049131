// Preloaded (node --require) into a process the benchmark measures as a whole, such as the CLI:
// when it exits, writes its peak RSS and CPU time as JSON to $CLAIMLINT_BENCH_USAGE.
'use strict';
const { writeFileSync } = require('node:fs');

const out = process.env.CLAIMLINT_BENCH_USAGE;
if (out) {
  process.on('exit', (code) => {
    const usage = process.resourceUsage();
    writeFileSync(
      out,
      JSON.stringify({
        exitCode: code,
        maxRssMB: usage.maxRSS / 1024,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        uptimeMs: process.uptime() * 1000,
      }),
    );
  });
}
