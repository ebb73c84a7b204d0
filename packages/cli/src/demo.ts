#!/usr/bin/env node
/**
 * The main job on the embedded default: define and start a guest on
 * test:///default, live-migrate it to a second in-memory host with a
 * progress bar, and show the negotiated protocol and both hosts afterwards.
 * Every step is a virtkit command, run in one process so both hosts live
 * in one Virt instance.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Virt } from '@virtkit/core';
import { BUILTIN_PLUGINS, runCli } from './cli.js';
import type { CliIo } from './output.js';

const SOURCE = 'test:///default';
const DESTINATION = 'test:///demo-destination?empty=1';
const GUEST_XML = `<domain type='test'>
  <name>demo-guest</name>
  <memory unit='MiB'>2048</memory>
  <vcpu>2</vcpu>
  <os><type arch='x86_64'>hvm</type><boot dev='hd'/></os>
  <devices>
    <disk type='file' device='disk'><source file='/var/lib/virtkit/images/demo-guest.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <interface type='network'><source network='default'/><model type='virtio'/></interface>
  </devices>
</domain>
`;

const io: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  errIsTty: !!process.stderr.isTTY,
  errStream: process.stderr,
};

const dir = await mkdtemp(path.join(os.tmpdir(), 'virtkit-demo-'));
const xmlFile = path.join(dir, 'demo-guest.xml');
await writeFile(xmlFile, GUEST_XML);
// The transfer is stretched to 2 s so the progress bar has something to show.
const source = `${SOURCE}?migration-ms=2000`;
const virt = await Virt.create({ plugins: BUILTIN_PLUGINS });
let failed = 0;
const step = async (title: string, uri: string, commands: string) => {
  process.stdout.write(`\n### ${title}\n$ virtkit -c '${uri}' '${commands}'\n\n`);
  failed += await runCli(['-c', uri, commands], io, { virt });
};
try {
  await step('Define and start a guest on the embedded default host', source, `define ${xmlFile}; start demo-guest; list --all`);
  await step('Live-migrate it to a second host (protocol negotiated: highest version both hosts advertise)', source,
    `migrate --live --persistent --undefinesource --verbose demo-guest ${DESTINATION}`);
  await step('Final state of the source host', source, 'list --all');
  await step('Final state of the destination host', DESTINATION, 'list --all; dominfo demo-guest');
} finally {
  await virt.dispose();
  await rm(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
