// Preload (`node --require test/fuzz/no-network.cjs ...`) for the "never leak" tests: every way a
// Node process can reach the network, or start another program, is replaced by a stub that
// records the attempt and throws. The stdio transport keeps working: process.stdin/stdout are
// pipes that are never connect()ed.
//
// Attempts are appended, one JSON line each, to the file named by CLAIMLINT_NETWORK_LOG (written
// synchronously, so nothing is lost when the process dies), and to `globalThis.__networkAttempts`.
'use strict';
const fs = require('node:fs');

const logFile = process.env.CLAIMLINT_NETWORK_LOG;
const attempts = [];
globalThis.__networkAttempts = attempts;
// A first line proves the preload ran in this process (a test can tell "no attempts" from "not loaded").
if (logFile) fs.appendFileSync(logFile, JSON.stringify({ loaded: process.pid, argv: process.argv.slice(1, 2) }) + '\n');

function blocked(api) {
  return function blockedCall() {
    const entry = { api, stack: new Error().stack.split('\n').slice(2, 6).join(' | ') };
    attempts.push(entry);
    if (logFile) {
      try {
        fs.appendFileSync(logFile, JSON.stringify(entry) + '\n');
      } catch {
        // the log is best effort; the throw below is what stops the call
      }
    }
    const error = new Error(`claimlint test: ${api} is blocked (no network, no child processes)`);
    error.code = 'ECLAIMLINTBLOCKED';
    throw error;
  };
}

function stub(object, name, api) {
  if (!object || typeof object[name] !== 'function') return;
  Object.defineProperty(object, name, { value: blocked(api), writable: true, configurable: true });
}

const net = require('node:net');
stub(net, 'connect', 'net.connect');
stub(net, 'createConnection', 'net.createConnection');
stub(net.Socket.prototype, 'connect', 'net.Socket#connect');
stub(net.Server.prototype, 'listen', 'net.Server#listen');

const tls = require('node:tls');
stub(tls, 'connect', 'tls.connect');

for (const name of ['http', 'https']) {
  const mod = require(`node:${name}`);
  stub(mod, 'request', `${name}.request`);
  stub(mod, 'get', `${name}.get`);
}
const http2 = require('node:http2');
stub(http2, 'connect', 'http2.connect');

const dns = require('node:dns');
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveTxt', 'reverse']) {
  stub(dns, name, `dns.${name}`);
  stub(dns.promises, name, `dns.promises.${name}`);
}

const dgram = require('node:dgram');
stub(dgram, 'createSocket', 'dgram.createSocket');

const childProcess = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) stub(childProcess, name, `child_process.${name}`);

if (typeof globalThis.fetch === 'function') {
  const blockedFetch = blocked('fetch');
  globalThis.fetch = function fetch() {
    try {
      return blockedFetch();
    } catch (error) {
      return Promise.reject(error);
    }
  };
}
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = blocked('WebSocket');
