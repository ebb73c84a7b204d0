#!/usr/bin/env node
// Checks that the committed src/protocol/generated/ is what generate-protocol.mjs makes of DIR:
//
//   node packages/remote/scripts/check-protocol.mjs DIR
//
// Regenerates in memory; exits 0 when every file matches, 1 with a summary of the differences
// (files missing, extra, or differing, with their first differing lines).
import fs from 'node:fs';
import path from 'node:path';
import { generate, OUTPUT_DIR } from './generate-protocol.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: check-protocol.mjs DIR   (DIR holds virnetprotocol.x, remote_protocol.x, qemu_protocol.x)');
  process.exit(2);
}

const expected = generate(dir);
const present = fs.existsSync(OUTPUT_DIR) ? fs.readdirSync(OUTPUT_DIR).filter((f) => f.endsWith('.ts')) : [];
const problems = [];
for (const [name, text] of expected) {
  const file = path.join(OUTPUT_DIR, name);
  if (!fs.existsSync(file)) {
    problems.push(`${name}: missing`);
    continue;
  }
  const committed = fs.readFileSync(file, 'utf8');
  if (committed === text) continue;
  const a = committed.split('\n');
  const b = text.split('\n');
  const diffs = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) diffs.push(i + 1);
  problems.push(`${name}: ${diffs.length} line(s) differ (committed ${a.length} lines, generated ${b.length})`);
  for (const line of diffs.slice(0, 5)) problems.push(`  line ${line}:\n    committed: ${a[line - 1] ?? '(none)'}\n    generated: ${b[line - 1] ?? '(none)'}`);
}
for (const name of present) if (!expected.has(name)) problems.push(`${name}: not generated (stale file)`);

if (problems.length > 0) {
  console.error(`src/protocol/generated/ is not what ${dir} generates:\n${problems.join('\n')}`);
  console.error('Regenerate with: npm run generate:protocol -- DIR');
  process.exit(1);
}
console.log(`src/protocol/generated/ matches ${dir} (${expected.size} files)`);
