// Preloaded (node --require) into a process the benchmark measures as a whole, such as the CLI:
// when it exits, writes its peak RSS and CPU time as JSON to $CLAIMLINT_BENCH_USAGE.
'use strict';
const { writeFileSync } = require('node:fs');

/**
 * Peak RSS of this process, MB: /proc/self/status VmHWM where there is one. getrusage's maxRSS
 * (process.resourceUsage) is not this process's own on Linux: a child forked and exec'd keeps the
 * high-water mark of the process it was forked from, so every CLI the bench started reported at
 * least the bench's own RSS at that moment (111 MB for a CLI whose own peak was 60 MB).
 */
function peakRssMB() {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // No /proc (macOS): getrusage's figure, with the caveat above.
  }
  return process.resourceUsage().maxRSS / 1024;
}

const out = process.env.CLAIMLINT_BENCH_USAGE;
if (out) {
  process.on('exit', (code) => {
    const usage = process.resourceUsage();
    writeFileSync(
      out,
      JSON.stringify({
        exitCode: code,
        maxRssMB: peakRssMB(),
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        uptimeMs: process.uptime() * 1000,
      }),
    );
  });
}
