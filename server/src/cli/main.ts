// Placeholder until the CLI lands (issue 6).
process.stderr.write('claimlint: the command-line checker is not built yet\n');
process.exitCode = 2;
