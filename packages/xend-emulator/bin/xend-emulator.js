#!/usr/bin/env node
// The `xend-emulator` command. npm links this file at install time, before the
// TypeScript is compiled; it runs the compiled emulator, or says how to build it.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('xend-emulator: the emulator is not built yet; run `npm run build` in the repository first\n');
  process.exit(1);
}
await import(main.href);
