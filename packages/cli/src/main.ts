#!/usr/bin/env node
import { runCli } from './cli.js';
import { terminalAuth } from './terminal-prompt.js';
import { makeStdinRaw } from './raw-terminal.js';

const code = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  errIsTty: !!process.stderr.isTTY,
  errStream: process.stderr,
  // Credentials auth.conf lacks are asked for only at a terminal; otherwise the open fails with AUTH_FAILED.
  auth: process.stdin.isTTY ? terminalAuth(process.stdin, process.stderr) : undefined,
  terminal: { input: process.stdin, output: process.stdout, makeRaw: makeStdinRaw },
});
process.exitCode = code;
