import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { DomainState, type Connection, type Virt } from '@virtkit/core';
import { embedUri, guestXml, makeRoot, makeVirt } from './support/hosts.js';

const run = promisify(execFile);

// A guest whose disks are an NBD export (qemu-nbd on a unix socket the test runs), a qcow2 overlay
// on a backing image with an external data file, and I/O limits applied after QEMU starts: real QEMU
// takes the -blockdev nodes and the block_set_io_throttle calls, or the start fails.
describe('driver-kvm network disks, backing chains and I/O limits on a running guest (real QEMU)', function () {
  this.timeout(180_000);
  let root: string;
  let virt: Virt;
  let conn: Connection;
  let nbdPid: number | undefined;

  before(async () => {
    root = await makeRoot('vkx-netdisk');
    virt = await makeVirt({ shutdownTimeoutMs: 1500 });
    conn = await virt.connect(embedUri(root));
  });

  after(async () => {
    for (const d of (await conn?.listAllDomains()) ?? []) await d.destroy().catch(() => {});
    await virt?.dispose();
    if (nbdPid !== undefined) process.kill(nbdPid, 'SIGTERM');
    await fs.rm(root, { recursive: true, force: true });
  });

  const domainXml = async (socket: string) => (await guestXml({ name: 'vkx-netdisk', serialLog: path.join(root, 'serial.log') })).replace('<devices>', `<devices>
    <disk type='network' device='disk'><driver name='qemu' type='raw'/>
      <source protocol='nbd' name='data'><host transport='unix' socket='${socket}'/></source>
      <target dev='vdb' bus='virtio'/>
      <iotune><total_bytes_sec>1048576</total_bytes_sec><total_iops_sec>100</total_iops_sec><group_name>vkx</group_name></iotune>
    </disk>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
      <source file='${root}/top.qcow2'/>
      <backingStore type='file'><format type='qcow2'/>
        <source file='${root}/base.qcow2'><dataStore type='file'><format type='raw'/><source file='${root}/base.data'/></dataStore></source>
        <backingStore/>
      </backingStore>
      <target dev='vdc' bus='virtio'/>
      <iotune><read_iops_sec>50</read_iops_sec><write_iops_sec>20</write_iops_sec><group_name>vkx</group_name></iotune>
    </disk>`);

  it('starts with the chain and the export, and fails cleanly while the NBD server is not there', async () => {
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', '-o', `data_file=${root}/base.data,data_file_raw=on`, `${root}/base.qcow2`, '16M']);
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', `${root}/base.qcow2`, '-F', 'qcow2', `${root}/top.qcow2`]);
    await run('qemu-img', ['create', '-q', '-f', 'raw', `${root}/data.raw`, '8M']);
    const socket = path.join(root, 'nbd.sock');
    const dom = await conn.defineDomain(await domainXml(socket));
    // No server yet: QEMU cannot open the export, the start fails and nothing is left running.
    await dom.start().then(() => expect.fail('started without its NBD server'), (e: Error) => expect(e.message).to.match(/nbd|connect|No such file/i));
    expect((await dom.getState()).state).to.equal(DomainState.SHUTOFF);
    await run('qemu-nbd', ['--fork', '--persistent', '-f', 'raw', '-x', 'data', '-k', socket, '--pid-file', `${root}/nbd.pid`, `${root}/data.raw`]);
    nbdPid = Number(await fs.readFile(`${root}/nbd.pid`, 'utf8'));
    await dom.start();
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    await dom.destroy();
  });
});
