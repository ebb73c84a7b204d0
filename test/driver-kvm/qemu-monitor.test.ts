import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import {
  DomainState, DriverRole, ErrorCode, QemuMonitorCommandFlags, QemuMonitorEventRegisterFlags, isVirtError, onQemuMonitorEvent, qemuMonitorCommand,
  silentLogger, Virt, type PublicQemuMonitorEvent,
} from '@virtkit/core';
import { remotePlugin } from '@virtkit/remote';
import { eventually, guestXml, makeRoot, waitForCounter } from './support/hosts.js';
import { spawnVirtkitd, stopVirtkitd } from './support/virtkitd.js';

const run = promisify(execFile);
const VIRTKIT = fileURLToPath(new URL('../../../packages/cli/bin/virtkit.js', import.meta.url));
const ENV = { ...process.env, LANG: 'C', LC_ALL: 'C' };

/** What a command printed and its exit status. */
async function outcome(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { env: ENV, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('libvirt-qemu through virtkitd: monitor commands and events of a QEMU guest', function () {
  this.timeout(180_000);
  let dir: string;
  let daemon: Awaited<ReturnType<typeof spawnVirtkitd>> | undefined;
  let uri: string;
  const name = 'vkqm-guest';
  let log = '';
  const registrations = () => log.split('call CONNECT_DOMAIN_MONITOR_EVENT_REGISTER').length - 1;
  const both = (args: string[]) => Promise.all([outcome('virsh', ['-c', uri, ...args]), outcome(process.execPath, [VIRTKIT, '-c', uri, ...args])]);

  before(async () => {
    dir = await makeRoot('vkqm');
    const socket = path.join(dir, 'sock');
    await fs.writeFile(path.join(dir, 'virtkitd.conf'), '');
    daemon = await spawnVirtkitd([], ['--socket', socket, '--ro-socket', `${socket}-ro`, '--config', path.join(dir, 'virtkitd.conf'), '--verbose'], {
      XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_CACHE_HOME: path.join(dir, 'cache'), XDG_RUNTIME_DIR: path.join(dir, 'run'),
    });
    daemon.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    uri = `qemu+unix:///session?socket=${socket}`;
    const serial = path.join(dir, 'serial.log');
    const xml = path.join(dir, 'guest.xml');
    await fs.writeFile(xml, await guestXml({ name, serialLog: serial }));
    await run('virsh', ['-c', uri, 'create', xml], { env: ENV });
    await waitForCounter(serial, 3);
  });

  after(async () => {
    await run('virsh', ['-c', uri, 'destroy', name], { env: ENV }).catch(() => undefined);
    await stopVirtkitd(daemon);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('real virsh and virtkit print the same QMP replies, raw and --pretty, and HMP output', async () => {
    for (const args of [
      ['qemu-monitor-command', name, '{"execute":"query-status"}'],
      ['qemu-monitor-command', name, '--pretty', '{"execute":"query-status"}'],
      ['qemu-monitor-command', name, '--hmp', 'info', 'status'],
      // QEMU's error reply is the command's answer, not a failure
      ['qemu-monitor-command', name, '{"execute":"no-such-command"}'],
      ['qemu-monitor-command', 'nosuch', '{"execute":"query-status"}'],
    ]) {
      const [theirs, ours] = await both(args);
      expect(ours, args.join(' ')).to.deep.equal(theirs);
    }
    const [status] = await both(['qemu-monitor-command', name, '{"execute":"query-status"}']);
    expect(JSON.parse(status.stdout)).to.deep.include({ return: { status: 'running', singlestep: false, running: true } });
    const [hmp] = await both(['qemu-monitor-command', name, '--hmp', 'info status']);
    expect(hmp.stdout).to.match(/^VM status: running/);
    const [unknown] = await both(['qemu-monitor-command', name, '{"execute":"no-such-command"}']);
    expect(JSON.parse(unknown.stdout).error.class).to.equal('CommandNotFound');
  });

  it('real virsh and virtkit qemu-monitor-event print the same monitor event, by name and by pattern, and the same timeout', async () => {
    const waits = [
      ['qemu-monitor-event', '--domain', name, '--event', 'STOP', '--timeout', '60'],
      ['qemu-monitor-event', '--event', 'resu', '--regex', '--no-case', '--timeout', '60'],
    ].map((args) => both(args));
    // all four have registered (the daemon logs each call) before the guest is paused
    await eventually(() => { expect(registrations()).to.equal(4); }, 60_000);
    await run('virsh', ['-c', uri, 'suspend', name], { env: ENV });
    await run('virsh', ['-c', uri, 'resume', name], { env: ENV });
    const [[stopVirsh, stopOurs], [resumeVirsh, resumeOurs]] = await Promise.all(waits);
    expect(stopVirsh.stdout).to.match(new RegExp(`^event STOP at \\d+\\.\\d{6} for domain '${name}': <null>\nevents received: 1\n\n$`));
    expect(stopOurs).to.deep.equal(stopVirsh);
    expect(resumeVirsh.stdout).to.match(/^event RESUME at \d+\.\d{6} for domain/);
    expect(resumeOurs).to.deep.equal(resumeVirsh);
    const [quietVirsh, quietOurs] = await both(['qemu-monitor-event', name, 'NO_SUCH_EVENT', '--timeout', '1']);
    expect(quietVirsh).to.deep.include({ code: 1, stdout: 'event loop timed out\nevents received: 0\n\n' });
    expect(quietOurs).to.deep.equal(quietVirsh);
  });

  it("python3-libvirt's libvirt_qemu reaches the monitor, and is refused on the read-only socket", async () => {
    const script = [
      'import sys, libvirt, libvirt_qemu',
      'c = libvirt.open(sys.argv[1])',
      `print(libvirt_qemu.qemuMonitorCommand(c.lookupByName('${name}'), '{"execute":"query-name"}', 0))`,
      'r = libvirt.openReadOnly(sys.argv[1])',
      'try:',
      `    libvirt_qemu.qemuMonitorCommand(r.lookupByName('${name}'), '{"execute":"query-name"}', 0)`,
      'except libvirt.libvirtError as e:',
      '    print(e.get_error_code(), e.get_error_message())',
    ].join('\n');
    const { stdout } = await run('/usr/bin/python3', ['-c', script, uri], { env: ENV });
    const [reply, refusal] = stdout.trim().split('\n');
    expect(JSON.parse(reply)).to.deep.equal({ return: { name } });
    expect(refusal).to.equal(`${ErrorCode.OPERATION_DENIED} operation forbidden: read only access prevents virDomainQemuMonitorCommand`);
  });

  it("virtkit's client sends commands and hears the monitor's events, filtered by name or pattern", async () => {
    const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
    try {
      const conn = await virt.connect(uri);
      expect(conn.driverConnection.features.has(DriverRole.QEMU_MONITOR)).to.equal(true);
      const dom = await conn.lookupDomainByName(name);
      expect(JSON.parse(await qemuMonitorCommand(dom, '{"execute":"query-status","id":"mine"}'))).to.deep.include({ id: 'mine' });
      expect(await qemuMonitorCommand(dom, 'info name', QemuMonitorCommandFlags.HMP)).to.include(name);
      const rejected = await qemuMonitorCommand(dom, 'not json').then(() => undefined, (e: unknown) => e);
      expect(isVirtError(rejected, ErrorCode.INTERNAL_ERROR), String(rejected)).to.equal(true);

      const stops: PublicQemuMonitorEvent[] = [];
      const resumes: PublicQemuMonitorEvent[] = [];
      const offStop = onQemuMonitorEvent(conn, (e) => stops.push(e), { domain: dom, event: 'STOP' });
      const offResume = onQemuMonitorEvent(conn, (e) => resumes.push(e), { event: '^res', flags: QemuMonitorEventRegisterFlags.REGEX | QemuMonitorEventRegisterFlags.NOCASE });
      // the registration is in place before the first event can come
      await qemuMonitorCommand(dom, '{"execute":"query-status"}');
      await dom.suspend();
      await dom.resume();
      await eventually(() => { expect(resumes.map((e) => e.event)).to.deep.equal(['RESUME']); }, 10_000);
      expect(stops.map((e) => [e.event, e.domain.name, e.details])).to.deep.equal([['STOP', name, undefined]]);
      expect(stops[0].seconds).to.be.within(Date.now() / 1000 - 60, Date.now() / 1000 + 1);
      offStop();
      offResume();
      expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
      const bad = (() => { try { onQemuMonitorEvent(conn, () => {}, { event: '(', flags: QemuMonitorEventRegisterFlags.REGEX }); return undefined; } catch (e) { return e; } })();
      expect(isVirtError(bad, ErrorCode.INVALID_ARG), String(bad)).to.equal(true);
    } finally {
      await virt.dispose();
    }
  });
});
