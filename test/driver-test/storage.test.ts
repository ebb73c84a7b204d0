import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { ErrorCode, StoragePoolState, StorageVolStreamFlags, Virt, isVirtError, silentLogger, type StreamChunk } from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';

const URI = 'test:///default';

async function* once(data: Buffer): AsyncGenerator<StreamChunk> {
  yield { kind: 'data', data };
}

describe('driver-test storage: the in-memory pools and volumes of test:///default', function () {
  this.timeout(30000);

  it('keeps volume bytes in memory: upload, download with holes, resize, wipe, errors', async () => {
    const virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger });
    try {
      const conn = await virt.connect(URI);
      const pool = await conn.lookupStoragePoolByName('default-pool');
      expect((await pool.getInfo()).state).to.equal(StoragePoolState.RUNNING);
      const vol = await pool.createVolume("<volume><name>blob</name><capacity unit='M'>4</capacity></volume>");
      const data = randomBytes(1024 * 1024 + 3);
      await vol.upload(once(data));
      const chunks: StreamChunk[] = [];
      for await (const c of await vol.download(0, 0, StorageVolStreamFlags.SPARSE_STREAM)) chunks.push(c);
      const bytes = Buffer.concat(chunks.map((c) => (c.kind === 'data' ? Buffer.from(c.data) : Buffer.alloc(c.length))));
      expect(bytes.length).to.equal(4 * 1024 * 1024);
      expect(bytes.subarray(0, data.length).equals(data)).to.equal(true);
      expect(chunks.at(-1)?.kind).to.equal('hole');
      const tooMuch = await vol.upload(once(randomBytes(5 * 1024 * 1024))).then(() => undefined, (e: unknown) => e);
      expect(isVirtError(tooMuch, ErrorCode.INVALID_ARG)).to.equal(true);
      await vol.resize(8 * 1024 * 1024);
      expect((await vol.getInfo()).capacity).to.equal(8 * 1024 * 1024);
      await vol.wipe();
      let nonzero = 0;
      for await (const c of await vol.download()) if (c.kind === 'data') nonzero += c.data.filter((b) => b !== 0).length;
      expect(nonzero).to.equal(0);
      const exists = await pool.createVolume("<volume><name>blob</name><capacity>1</capacity></volume>").then(() => undefined, (e: unknown) => e);
      expect(isVirtError(exists, ErrorCode.STORAGE_VOL_EXIST)).to.equal(true);
      const slash = await pool.createVolume("<volume><name>a/b</name><capacity>1</capacity></volume>").then(() => undefined, (e: unknown) => e);
      expect(isVirtError(slash, ErrorCode.OPERATION_INVALID)).to.equal(true);
      const other = await virt.connect('test:///other?empty=1');
      expect(await other.listAllStoragePools()).to.have.length(0);
    } finally {
      await virt.dispose();
    }
  });
});
