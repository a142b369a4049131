// Preload (`node --require test/fuzz/fault-injection.cjs server/out/server.js --stdio`) that makes
// the bundled server fail on purpose, so the protocol tests can prove one failing document does
// not take the others (or the server) down. It rewrites the bundle's source as it is compiled,
// adding a throw at the top of a few functions when the document holds a marker:
//
//   FAULT-IN-CHECK    the coding checks throw (CodingRun.add; analyze() must turn it into an internal-error finding)
//   FAULT-IN-READ     parseDocument throws (the same, while reading)
//   FAULT-IN-HOVER    hoverAt throws       (the hover request gets an error response)
//   FAULT-IN-PUBLISH  toDiagnostic throws  (after analysis, while publishing diagnostics)
//
// The thrown message carries a fake patient name: it must never reach the client.
// If the bundle no longer has one of these functions, loading fails loudly instead of the tests
// passing without injecting anything.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const secret = 'FAULT-SECRET-DOE-JANE';
const injections = [
  ['add(documentClaims, options)', '{', `if (documentClaims.some((c) => c.id === "FAULT-IN-CHECK")) throw new TypeError("injected check failure ${secret}");`],
  ['function parseDocument(text', '{', `if (text.includes("FAULT-IN-READ")) throw new RangeError("injected read failure ${secret}");`],
  ['function hoverAt(analysis, offset, knowledge', '{', `if (analysis.text.includes("FAULT-IN-HOVER")) throw new Error("injected hover failure ${secret}");`],
  ['function toDiagnostic(uri, analysis, finding', '{', `if (analysis.text.includes("FAULT-IN-PUBLISH")) throw new Error("injected publish failure ${secret}");`],
];

const compile = Module.prototype._compile;
Module.prototype._compile = function compileWithFaults(content, filename) {
  if (path.basename(filename) === 'server.js' && path.basename(path.dirname(filename)) === 'out') {
    for (const [signature, open, statement] of injections) {
      const at = content.indexOf(signature);
      if (at < 0) throw new Error(`fault-injection: "${signature}" is not in ${filename}; update test/fuzz/fault-injection.cjs`);
      const body = content.indexOf(open, at) + 1;
      content = `${content.slice(0, body)}\n${statement}\n${content.slice(body)}`;
    }
  }
  return compile.call(this, content, filename);
};
