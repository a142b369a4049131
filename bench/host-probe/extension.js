// The stall probe of `npm run bench -- --only host` (bench/hostStall.ts). It activates with the
// extension host ('*') and from then on watches its event loop: a timer every TICK_MS, and a
// stall is the time between two ticks minus TICK_MS (what any extension sharing this host waits
// before it can run again). bench/host-probe/run.js (the run's extensionTestsPath) drives the
// scenario and reads the stalls through this extension's API. Plain JavaScript, no dependencies:
// it adds nothing to the host but the timer.
'use strict';
const { monitorEventLoopDelay, performance } = require('node:perf_hooks');

const TICK_MS = 10;
/** Stalls shorter than this are not kept one by one (they still count in the histogram). */
const KEEP_MS = 20;

/** Every stall of KEEP_MS or more since the last reset: when it ended (performance.now()), how long it was, and the process's CPU time in it. */
let stalls = [];
let last = performance.now();
/** The process's CPU time (ms) at the last tick: a stall's CPU time says whether the host worked or waited for a CPU. */
let lastCpu = cpuMs();
let timer;
let histogram;

function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function tick() {
  const now = performance.now();
  const cpu = cpuMs();
  const stall = now - last - TICK_MS;
  if (stall >= KEEP_MS) stalls.push({ end: now, ms: stall, cpuMs: cpu - lastCpu });
  last = now;
  lastCpu = cpu;
}

function activate() {
  last = performance.now();
  lastCpu = cpuMs();
  timer = setInterval(tick, TICK_MS);
  histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    tickMs: TICK_MS,
    /** Forget what was seen so far (the scenario starts now). */
    reset() {
      stalls = [];
      last = performance.now();
      lastCpu = cpuMs();
      histogram.reset();
    },
    /** The stalls seen since the last reset, and the event-loop delay histogram's maximum (ms). */
    read() {
      // A stall still under way (this call runs right after it) is not in `stalls` yet: count it.
      tick();
      return { stalls: stalls.slice(), histogramMaxMs: histogram.max / 1e6 };
    },
  };
}

function deactivate() {
  if (timer) clearInterval(timer);
  histogram?.disable();
}

module.exports = { activate, deactivate };
