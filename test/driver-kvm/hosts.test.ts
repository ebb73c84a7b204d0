import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ErrorCode, isVirtError, parseDomainXml, parseUri } from '@virtkit/core';
import { RangePortAllocator, QEMU_7_2_CAPS, QemuCapsCache, buildQemuArgv, canonicalMachine, hostPathsFor, type QemuCaps } from '@virtkit/driver-kvm';

describe('driver-kvm hosts and ports', () => {
  it('maps system, session and embed URIs to their directories', () => {
    expect(hostPathsFor(parseUri('qemu:///system'))).to.deep.include({ uri: 'qemu:///system', configDir: '/etc/virtkit/qemu', runDir: '/run/virtkit/qemu' });
    const env = { HOME: '/home/u', XDG_CONFIG_HOME: '/home/u/cfg', XDG_RUNTIME_DIR: '/run/user/1000' };
    expect(hostPathsFor(parseUri('qemu:///session'), env)).to.deep.include({ configDir: '/home/u/cfg/virtkit/qemu', runDir: '/run/user/1000/virtkit/qemu', logDir: '/home/u/.cache/virtkit/qemu/log' });
    expect(hostPathsFor(parseUri('qemu:///embed?root=/srv/a/../b'))).to.deep.include({ uri: 'qemu:///embed?root=/srv/b', configDir: '/srv/b/etc/qemu', runDir: '/srv/b/run/qemu' });
    expect(hostPathsFor(parseUri('qemu:///other'))).to.equal(undefined);
  });

  it('refuses an embed URI without an absolute root', () => {
    for (const u of ['qemu:///embed', 'qemu:///embed?root=relative/dir']) {
      try {
        hostPathsFor(parseUri(u));
        expect.fail(`accepted ${u}`);
      } catch (e) {
        expect(isVirtError(e, ErrorCode.INVALID_ARG), String(e)).to.equal(true);
      }
    }
  });

  it('hands out the next free port of the range when one is taken, and none twice', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(49580, '127.0.0.1', () => r()));
    try {
      const ports = new RangePortAllocator(49580, 49582);
      const first = await ports.acquire();
      const second = await ports.acquire();
      expect([first, second]).to.deep.equal([49581, 49582]);
      try {
        await ports.acquire();
        expect.fail('range exhausted but a port was handed out');
      } catch (e) {
        expect(isVirtError(e, ErrorCode.OPERATION_FAILED)).to.equal(true);
      }
      ports.release(first);
      expect(await ports.acquire()).to.equal(49581);
    } finally {
      blocker.close();
    }
  });

  it('probes a QEMU binary once and reuses the cached answer from disk', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vk-caps-'));
    try {
      const binary = '/usr/bin/qemu-system-x86_64';
      const caps = await new QemuCapsCache(dir).get(binary);
      expect(canonicalMachine(caps, 'pc')).to.match(/^pc-i440fx-\d+\.\d+$/);
      expect(canonicalMachine(caps, 'q35')).to.match(/^pc-q35-\d+\.\d+$/);
      const file = path.join(dir, 'capabilities.json');
      const stored = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, QemuCaps>;
      const [key] = Object.keys(stored);
      expect(key.startsWith(`${binary}:`)).to.equal(true);
      stored[key].machines.push({ name: 'pc-i440fx-99.9' });
      await fs.writeFile(file, JSON.stringify(stored));
      const again = await new QemuCapsCache(dir).get(binary);
      expect(canonicalMachine(again, 'pc-i440fx-99.9')).to.equal('pc-i440fx-99.9');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('runs only QEMU emulators', () => {
    const xml = "<domain type='qemu'><name>e</name><memory unit='MiB'>64</memory><os><type>hvm</type></os><devices><emulator>/bin/sh</emulator></devices></domain>";
    try {
      buildQemuArgv(parseDomainXml(xml), QEMU_7_2_CAPS, { monitorPath: '/tmp/m' });
      expect.fail('accepted /bin/sh');
    } catch (e) {
      expect(isVirtError(e, ErrorCode.CONFIG_UNSUPPORTED)).to.equal(true);
      expect((e as Error).message).to.include('domain/devices/emulator');
    }
  });
});
