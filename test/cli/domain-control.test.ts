import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { virshOnLibvirt as virsh, virtkitOnTest as virtkit, type Run } from './side-by-side.js';

const exec = promisify(execFile);
describe('cli: domain-control commands on test:///default print what virsh prints on libvirt\'s', function () {
  this.timeout(60000);
  let dir: string;

  before(async () => {
    try {
      await exec('virsh', ['--version']);
    } catch (e) {
      throw new Error(`real virsh is needed (Debian's libvirt-clients, listed in .ci/apt/remote.txt): ${(e as Error).message}`);
    }
    dir = await mkdtemp(path.join(os.tmpdir(), 'vkdo-cli-'));
    await writeFile(path.join(dir, 'disk.xml'), "<disk type='file' device='disk'><source file='/tmp/vkdo.img'/><target dev='vdb' bus='virtio'/></disk>");
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  // Each sequence runs in one invocation of each; stdout, stderr and the exit status must match byte for byte.
  const identical = [
    'reboot test; domstate --reason test',
    'reset test; domstate --reason test',
    'suspend test; reset test; domstate --reason test',
    'destroy test; reboot test',
    'destroy test; reset test',
    'reboot test --mode acpi',
    'reboot test --mode bogus',
    'setmem test 1048576; dumpxml test',
    'setmem test 1G --config; dumpxml --inactive test',
    'setmem test 99999999',
    'setmem test 0',
    'setmaxmem test 4194304',
    'setmaxmem test 4194304 --config; dumpxml --inactive test',
    'destroy test; setmaxmem test 1048576; dumpxml test',
    'vcpucount test',
    'setvcpus test 1; vcpucount test',
    'setvcpus test 3 --config --maximum; vcpucount test',
    'setvcpus test 1 --config; vcpucount test',
    'setvcpus test 5',
    'setvcpus test 0',
    'setvcpus test 3 --maximum',
    'setvcpus test 100 --maximum --config',
    'setvcpus test 2 --guest',
    'vcpucount test --maximum',
    'vcpucount test --current --live',
    'vcpucount test --live --config',
    'vcpucount test --live; vcpucount test --config; vcpucount test --maximum --live; vcpucount test --current --config',
    'vcpucount test --guest',
    'destroy test; vcpucount test',
    'destroy test; setvcpus test 1',
    'autostart test; autostart --disable test; autostart nosuch',
    // virsh never returns from a command that follows managedsave and touches the domain; those sequences are checked below.
    'managedsave test; list --all',
    'managedsave-remove test',
    'destroy test; managedsave test',
    'desc test; desc test --title; desc test hello world; desc test; desc test --title my title; desc test --title',
    'desc test --live hi; desc test; desc test --config',
    'desc test --config --new-desc persistent; desc test --config; desc test',
    'metadata test http://example.com/; metadata test http://example.com/ --key ex --set \'<foo>bar</foo>\'; metadata test http://example.com/; metadata test http://example.com/ --remove; metadata test http://example.com/',
    'metadata test http://x/ --set \'<a/>\'',
    'schedinfo test',
    'schedinfo test --set weight=10; schedinfo test',
    'schedinfo test --weight 5',
    'schedinfo test --set cap=4',
    'schedinfo test --set weight=abc',
    'schedinfo test --config',
    'schedinfo test --live',
    'domblkstat test',
    'domblkstat test vdz',
    'domifstat test nope',
    'destroy test; domifstat test testnet0',
    'dommemstat test; setmem test 1000000; dommemstat test',
    'destroy test; dommemstat test',
    'domstats; domstats test; domstats --raw test; suspend test; domstats --state --list-paused',
    'domstats --balloon --enforce test',
    'destroy test; domstats --list-inactive; domstats --list-active',
    'domiflist test; domiflist test --inactive; domblklist test; domblklist test --details',
    'domiflist nosuch',
    'domtime test; domtime test --pretty; domtime test --now; domtime test --time 1000; domtime test --sync; destroy test; domtime test',
  ];
  for (const commands of identical) {
    it(commands, async () => {
      const [theirs, ours] = await Promise.all([virsh(commands), virtkit(commands)]);
      expect(ours).to.deep.equal(theirs);
    });
  }

  it('domblkstat and domifstat: the same lines, counters made up from the time of day', async () => {
    const commands = 'domblkstat test vda; domblkstat test vda --human; domifstat test testnet0; domifstat test aa:bb:cc:dd:ee:ff';
    const [theirs, ours] = await Promise.all([virsh(commands), virtkit(commands)]);
    const shape = (r: Run) => r.stdout.replace(/\d+/g, 'N');
    expect(shape(ours)).to.equal(shape(theirs));
    expect(ours.stderr).to.equal(theirs.stderr);
    // The counters are the microseconds of the time of day over fixed divisors: within a minute of virsh's.
    const rdReq = (r: Run) => Number(/vda rd_req (\d+)/.exec(r.stdout)![1]);
    expect(Math.abs(rdReq(ours) - rdReq(theirs))).to.be.below(60e6 / 10);
  });

  it('dominfo shows autostart and managed save as virsh does (CPU time and the security lines aside)', async () => {
    const commands = 'autostart test; setmem test 1048576; dominfo test; destroy test; setmaxmem test 4194304; dominfo test';
    const [theirs, ours] = await Promise.all([virsh(commands), virtkit(commands)]);
    const comparable = (r: Run) => r.stdout.split('\n').filter((l) => !/^(CPU time|Security)/.test(l)).join('\n');
    expect(comparable(ours)).to.equal(comparable(theirs));
    expect(ours.stdout).to.contain('Autostart:      enable\nManaged save:   no\n');
  });

  it('managedsave-remove removes the image managedsave left, once', async () => {
    const r = await virtkit('managedsave test; managedsave-remove test; managedsave-remove test; start test; domstate --reason test');
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.equal("\nDomain 'test' state saved by libvirt\n\nRemoved managedsave image for domain 'test'\n"
      + "Domain 'test' has no manage save image; removal skipped\nDomain 'test' started\n\nrunning (booted)\n\n");
  });

  it('attach-device and detach-device are not supported by the test driver, as by libvirt\'s', async () => {
    const file = path.join(dir, 'disk.xml');
    const ours = await virtkit(`attach-device test ${file} --config; detach-device test ${file} --config; update-device test ${file} --config; domblklist test --inactive`);
    // the status is the last command's (domblklist), as virsh's
    expect(ours.code).to.equal(0);
    expect(ours.stderr).to.contain(`error: Failed to attach device from ${file}\nerror: this function is not supported by the connection driver: virDomainAttachDeviceFlags`);
    expect(ours.stderr).to.contain(`error: Failed to detach device from ${file}\nerror: this function is not supported by the connection driver: virDomainDetachDeviceFlags`);
    expect(ours.stdout).to.not.contain('vdb');
  });
});
