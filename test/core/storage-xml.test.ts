import { expect } from 'chai';
import {
  ErrorCode, formatErrorMessage, formatStoragePoolXml, formatStorageVolXml, isVirtError, parseStoragePoolXml, parseStorageVolXml,
} from '@virtkit/core';

function xmlError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(isVirtError(e, ErrorCode.XML_ERROR), String(e)).to.equal(true);
    return (e as Error).message;
  }
  return expect.fail('expected an XML error');
}

describe('core: storage pool and volume XML', () => {
  it('parses and formats a netfs pool without losing what it does not model', () => {
    const xml = `<pool type='netfs'>
  <name>nfs</name>
  <uuid>8c79f996-cb2a-d24d-9822-ac7547ab2d01</uuid>
  <capacity unit='bytes'>1</capacity>
  <allocation unit='bytes'>2</allocation>
  <available unit='bytes'>3</available>
  <source>
    <host name='filer.example' port='2049'/>
    <dir path='/export/images'/>
    <format type='nfs'/>
    <protocol ver='4'/>
  </source>
  <target>
    <path>/mnt/images/</path>
    <permissions>
      <mode>0755</mode>
      <owner>107</owner>
      <group>107</group>
    </permissions>
  </target>
  <features><cow state='no'/></features>
</pool>`;
    const def = parseStoragePoolXml(xml);
    expect(def).to.deep.include({ type: 'netfs', name: 'nfs', uuid: '8c79f996-cb2a-d24d-9822-ac7547ab2d01' });
    expect(def.source).to.deep.include({ hosts: [{ name: 'filer.example', port: 2049 }], dir: '/export/images', format: 'nfs' });
    expect(def.target?.path, 'a trailing slash is dropped as libvirt does').to.equal('/mnt/images');
    const out = formatStoragePoolXml(def, { capacity: 10, allocation: 4, available: 6 });
    expect(out).to.include("<capacity unit='bytes'>10</capacity>");
    expect(out).to.include("<protocol ver='4'/>");
    expect(out).to.include("<features>\n    <cow state='no'/>\n  </features>");
    expect(out).to.include('<owner>107</owner>');
    expect(formatStoragePoolXml(parseStoragePoolXml(out), { capacity: 10, allocation: 4, available: 6 })).to.equal(out);
  });

  it('refuses what libvirt refuses in pool XML', () => {
    expect(xmlError(() => parseStoragePoolXml("<pool type='dir'><name>p</name></pool>"))).to.include('missing storage pool target path');
    expect(xmlError(() => parseStoragePoolXml("<pool type='nope'><name>p</name></pool>"))).to.include("unknown storage pool type 'nope'");
    expect(xmlError(() => parseStoragePoolXml("<pool type='dir'><name>a/b</name><target><path>/x</path></target></pool>"))).to.include("cannot contain '/'");
    expect(xmlError(() => parseStoragePoolXml("<pool type='dir'><name>p</name><target><path>rel</path></target></pool>"))).to.include('is not absolute');
  });

  it('reads volume sizes in any unit and keeps the backing store and unknown content', () => {
    const def = parseStorageVolXml(`<volume type='file'>
  <name>vm.qcow2</name>
  <capacity unit='G'>10</capacity>
  <allocation unit='KiB'>4</allocation>
  <target><format type='qcow2'/><compat>1.1</compat><features><lazy_refcounts/></features></target>
  <backingStore><path>/images/base.img</path><format type='raw'/></backingStore>
</volume>`);
    expect(def.capacity).to.equal(10 * 1024 ** 3);
    expect(def.allocation).to.equal(4096);
    expect(def.target).to.deep.include({ format: 'qcow2', compat: '1.1' });
    expect(def.backingStore).to.deep.include({ path: '/images/base.img', format: 'raw' });
    const out = formatStorageVolXml({ ...def, key: '/images/vm.qcow2', target: { ...def.target, path: '/images/vm.qcow2' } });
    expect(out).to.include('<lazy_refcounts/>');
    expect(out).to.include("<capacity unit='bytes'>10737418240</capacity>");
    expect(parseStorageVolXml(out).backingStore).to.deep.equal(def.backingStore);
  });

  it('refuses a volume without a capacity or backing store, and bad units', () => {
    expect(xmlError(() => parseStorageVolXml('<volume><name>v</name></volume>'))).to.include('missing capacity element');
    expect(xmlError(() => parseStorageVolXml("<volume><name>v</name><capacity unit='parsec'>1</capacity></volume>"))).to.include("unknown unit 'parsec'");
    expect(parseStorageVolXml('<volume><name>v</name><backingStore><path>/b</path></backingStore></volume>').capacity).to.equal(undefined);
  });

  it("words the storage codes as libvirt's virErrorMsg does", () => {
    expect(formatErrorMessage(ErrorCode.NO_STORAGE_POOL, "no storage pool with matching name 'x'")).to.equal("Storage pool not found: no storage pool with matching name 'x'");
    expect(formatErrorMessage(ErrorCode.STORAGE_VOL_EXIST, "'v'")).to.equal("storage volume 'v' exists already");
    expect(formatErrorMessage(ErrorCode.NO_STORAGE_VOL)).to.equal('Storage volume not found');
  });
});
