import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { virshStdout as virsh, virtkitStdout as virtkit } from './side-by-side.js';

/** Snapshots taken now carry the clock: their times (and names made from it) become placeholders. */
const untimed = (s: string) => s.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}/g, 'TIME').replace(/<creationTime>\d+</g, '<creationTime>T<').replace(/\b\d{10}\b/g, 'NAME');

describe('cli: snapshot-* on test:///default print what virsh prints on libvirt\'s', function () {
  this.timeout(60000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vkfam-snap-'));
    // libvirt redefines only snapshots that carry the domain's definition: its own, as virsh prints it.
    const domain = await virsh('dumpxml --inactive test');
    // Redefined snapshots keep their creation times, so these listings compare byte for byte.
    const snap = (name: string, parent: string | undefined, time: number, state: string) => `<domainsnapshot><name>${name}</name><description>about ${name}</description><state>${state}</state>`
      + `${parent ? `<parent><name>${parent}</name></parent>` : ''}<creationTime>${time}</creationTime><memory snapshot='${state === 'shutoff' ? 'no' : 'internal'}'/>`
      + `<disks><disk name='vda' snapshot='internal'/></disks>${domain}</domainsnapshot>`;
    await writeFile(path.join(dir, 'root.xml'), snap('root', undefined, 1700000000, 'running'));
    await writeFile(path.join(dir, 'left.xml'), snap('left', 'root', 1700000100, 'shutoff'));
    await writeFile(path.join(dir, 'Right.xml'), snap('Right', 'root', 1700000200, 'paused'));
    await writeFile(path.join(dir, 'leaf.xml'), snap('leaf', 'left', 1700000300, 'running'));
    await writeFile(path.join(dir, 'other.xml'), snap('other', undefined, 1600000000, 'shutoff'));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a redefined tree: every listing, the tree, info, parent, dumpxml and current', async () => {
    const define = ['root', 'left', 'Right', 'leaf', 'other'].map((n) => `snapshot-create test ${path.join(dir, `${n}.xml`)} --redefine`).join('; ');
    const commands = `${define}; snapshot-current test left; snapshot-list test; snapshot-list test --parent; snapshot-list test --tree; snapshot-list test --name; `
      + 'snapshot-list test --roots; snapshot-list test --leaves; snapshot-list test --no-leaves; snapshot-list test --inactive; snapshot-list test --active; '
      + 'snapshot-list test --internal; snapshot-list test --external; snapshot-list test --metadata; snapshot-list test --no-metadata; snapshot-list test --topological; '
      + 'snapshot-list test --from root; snapshot-list test --from root --descendants --parent; snapshot-list test --current --tree; snapshot-list test --tree --from root; '
      + 'snapshot-info test root; snapshot-info test --current; snapshot-parent test leaf; snapshot-dumpxml test Right; snapshot-current test --name; snapshot-current test; '
      + 'snapshot-delete test left; snapshot-list test --tree; snapshot-delete test root --children-only; snapshot-list test --parent; snapshot-delete test --current --children; snapshot-list test';
    expect(await virtkit(commands)).to.equal(await virsh(commands));
  });

  it('snapshots taken of the running domain, reverts that stop and restart it, deletes', async () => {
    const commands = 'snapshot-create-as test s1 --description "first <one> & only"; snapshot-create-as test s2; snapshot-current test --name; snapshot-revert test s1; '
      + 'list; snapshot-create-as test s3; snapshot-create test; snapshot-list test --tree; snapshot-list test --parent; snapshot-dumpxml test s1; snapshot-info test s2; '
      + 'destroy test; snapshot-create-as test off; start test; snapshot-revert test off --running; domstate test --reason; snapshot-revert test s3 --paused; domstate test --reason; list --all; '
      + 'snapshot-create-as test halted --halt; domstate test --reason; snapshot-list test --inactive; snapshot-list test --active --name; snapshot-create-as --print-xml test x "a description"; '
      + 'snapshot-delete test s1 --children; snapshot-list test';
    expect(untimed(await virtkit(commands))).to.equal(untimed(await virsh(commands)));
  });
});

describe('cli: checkpoint-* on test:///default print what virsh prints on libvirt\'s', function () {
  this.timeout(30000);

  it('checkpoints taken, listed every way, shown, their parent, deleted; a snapshot refused while they exist', async () => {
    const commands = 'checkpoint-create-as test c1 --description d1; checkpoint-create-as test c2; checkpoint-create-as test c3 --print-xml; checkpoint-list test; '
      + 'checkpoint-list test --parent; checkpoint-list test --tree; checkpoint-info test c1; checkpoint-dumpxml test c2; checkpoint-dumpxml test c1 --no-domain; '
      + 'checkpoint-parent test c2; checkpoint-list test --leaves; checkpoint-list test --roots; checkpoint-list test --from c1; checkpoint-delete test c1; '
      + 'checkpoint-list test --name; checkpoint-create test; checkpoint-list test --topological --name; checkpoint-delete test c2 --children; checkpoint-list test';
    expect(untimed(await virtkit(commands))).to.equal(untimed(await virsh(commands)));
  });
});
