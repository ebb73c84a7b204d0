#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { XendEmulator } from './xend-emulator.js';

/**
 * xend-emulator --socket PATH --http-port N --relocation-port M [--hostname H]
 * Prints one line "xend-emulator ready socket=… http=… relocation=…" once listening.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      socket: { type: 'string' },
      'http-port': { type: 'string' },
      'relocation-port': { type: 'string' },
      hostname: { type: 'string' },
    },
    strict: true,
  });
  const num = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    if (!/^\d{1,5}$/.test(v) || Number(v) > 65535) throw new Error(`--${name} must be a port number, not '${v}'`);
    return Number(v);
  };
  const httpPort = num('http-port', values['http-port']);
  if (values.socket === undefined && httpPort === undefined) throw new Error('give --socket PATH and/or --http-port N');
  const emu = await XendEmulator.start({
    socketPath: values.socket,
    httpPort,
    relocationPort: num('relocation-port', values['relocation-port']) ?? 8002,
    hostname: values.hostname,
  });
  process.stdout.write(`xend-emulator ready socket=${emu.socketPath ?? '-'} http=${emu.httpPort ?? '-'} relocation=${emu.relocationPort}\n`);
  const stop = () => { void emu.stop().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: Error) => {
  process.stderr.write(`xend-emulator: ${e.message}\n`);
  process.exit(1);
});
