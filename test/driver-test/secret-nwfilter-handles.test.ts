import { expect } from 'chai';
import {
  Connection, DriverRole, ErrorCode, ErrorDomain, NWFilter, Secret, SecretUsageTypeNumber, Virt, errorReporter, formatNWFilterXml, formatSecretXml,
  parseNWFilterXml, parseSecretXml, silentLogger, type DriverConnection, type NWFilterDef, type NWFilterRef, type SecretDef, type SecretRef,
} from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';
import { expectCode } from './support/expect-code.js';

const fail = errorReporter(ErrorDomain.TEST);

/**
 * A test connection that also keeps secrets and filters in memory, declaring
 * both roles: what a driver with a secret and nwfilter driver gives the
 * handles (libvirt's test driver has neither).
 */
interface Store {
  secrets: Map<string, { def: SecretDef; value?: Uint8Array }>;
  filters: Map<string, NWFilterDef>;
}

function withSecretsAndFilters(base: Connection, store: Store = { secrets: new Map(), filters: new Map() }): Connection {
  const inner = base.live();
  const { secrets, filters } = store;
  const usage = (d: SecretDef) => (d.usage ? Math.max(0, ['none', 'volume', 'ceph', 'iscsi', 'tls', 'vtpm'].indexOf(d.usage.type)) : 0);
  const sref = (d: SecretDef): SecretRef => ({ uuid: d.uuid, usageType: usage(d), usageId: d.usage?.id ?? '' });
  const secret = (r: SecretRef) => secrets.get(r.uuid) ?? (() => { throw fail(ErrorCode.NO_SECRET, `no secret with matching uuid '${r.uuid}'`); })();
  const fref = (d: NWFilterDef): NWFilterRef => ({ name: d.name, uuid: d.uuid });
  const filter = (name: string) => filters.get(name) ?? (() => { throw fail(ErrorCode.NO_NWFILTER, `no nwfilter with matching name '${name}'`); })();
  const extra: Record<string, unknown> = {
    listSecrets: async () => [...secrets.values()].map((s) => sref(s.def)),
    secretLookupByUuid: async (uuid: string) => sref(secret({ uuid, usageType: 0, usageId: '' }).def),
    secretLookupByUsage: async (t: number, id: string) => {
      const s = [...secrets.values()].find((x) => usage(x.def) === t && x.def.usage?.id === id);
      if (!s) throw fail(ErrorCode.NO_SECRET, `no secret with matching usage '${id}'`);
      return sref(s.def);
    },
    secretDefineXml: async (xml: string) => { const def = parseSecretXml(xml); secrets.set(def.uuid, { def }); return sref(def); },
    secretUndefine: async (r: SecretRef) => { secret(r); secrets.delete(r.uuid); },
    secretGetXmlDesc: async (r: SecretRef) => formatSecretXml(secret(r).def),
    secretGetValue: async (r: SecretRef) => {
      const s = secret(r);
      if (!s.value) throw fail(ErrorCode.NO_SECRET, `secret '${r.uuid}' does not have a value`);
      return s.value;
    },
    secretSetValue: async (r: SecretRef, v: Uint8Array) => { secret(r).value = v; },
    listNWFilters: async () => [...filters.values()].map(fref),
    nwfilterLookupByName: async (name: string) => fref(filter(name)),
    nwfilterLookupByUuid: async (uuid: string) => fref([...filters.values()].find((f) => f.uuid === uuid) ?? filter(uuid)),
    nwfilterDefineXml: async (xml: string) => { const def = parseNWFilterXml(xml); filters.set(def.name, def); return fref(def); },
    nwfilterUndefine: async (r: NWFilterRef) => { filter(r.name); filters.delete(r.name); },
    nwfilterGetXmlDesc: async (r: NWFilterRef) => formatNWFilterXml(filter(r.name)),
    listNWFilterBindings: async () => [],
    nwfilterBindingLookupByPortDev: async (p: string) => { throw fail(ErrorCode.NO_NWFILTER_BINDING, `no nwfilter binding for port dev '${p}'`); },
    nwfilterBindingCreateXml: async () => { throw fail(ErrorCode.OPERATION_UNSUPPORTED, 'bindings'); },
    nwfilterBindingDelete: async () => {},
    nwfilterBindingGetXmlDesc: async () => '',
  };
  const features = new Set([...inner.features, DriverRole.SECRETS, DriverRole.NWFILTERS]);
  const proxy = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'features') return features;
      if (typeof prop === 'string' && prop in extra) return extra[prop];
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as DriverConnection;
  return new Connection(base.uri, proxy, base.driver, base.readonly, base.services);
}

describe('core: the Secret and NWFilter handles on a driver with both roles', () => {
  let virt: Virt;
  beforeEach(async () => { virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger }); });
  afterEach(() => virt.dispose());

  it('defines, looks up by UUID and usage, sets and reads a value, lists sorted, undefines', async () => {
    const conn = withSecretsAndFilters(await virt.connect('test:///handles'));
    const b = await Secret.define(conn, "<secret><uuid>bbbbbbbb-0000-0000-0000-000000000000</uuid><usage type='ceph'><name>client.b</name></usage></secret>");
    await Secret.define(conn, "<secret><uuid>aaaaaaaa-0000-0000-0000-000000000000</uuid><usage type='volume'><volume>/v</volume></usage></secret>");
    expect((await Secret.listAll(conn)).map((s) => s.uuid)).to.deep.equal(['aaaaaaaa-0000-0000-0000-000000000000', 'bbbbbbbb-0000-0000-0000-000000000000']);
    expect((await Secret.lookupByUsage(conn, SecretUsageTypeNumber.CEPH, 'client.b')).uuid).to.equal(b.uuid);
    await expectCode(b.getValue(), ErrorCode.NO_SECRET);
    await b.setValue(new TextEncoder().encode('s3cret'));
    expect(new TextDecoder().decode(await (await Secret.lookupByUuid(conn, b.uuid)).getValue())).to.equal('s3cret');
    await expectCode(Secret.listAll(conn, 1 << 8), ErrorCode.INVALID_ARG);
    await b.undefine();
    await expectCode(Secret.lookupByUuid(conn, b.uuid), ErrorCode.NO_SECRET);
  });

  it('reads a secret\'s value only on a writable connection, as libvirt\'s ACL; a read-only one still lists and shows it', async () => {
    const store: Store = { secrets: new Map(), filters: new Map() };
    const rw = withSecretsAndFilters(await virt.connect('test:///handles'), store);
    const ro = withSecretsAndFilters(await virt.connect('test:///handles', { readonly: true }), store);
    const s = await Secret.define(rw, '<secret><uuid>cccccccc-0000-0000-0000-000000000000</uuid></secret>');
    await s.setValue(new Uint8Array([1, 2, 3]));
    const seen = await Secret.lookupByUuid(ro, s.uuid);
    expect(await seen.getXmlDesc()).to.include('<uuid>cccccccc-0000-0000-0000-000000000000</uuid>');
    await expectCode(seen.getValue(), ErrorCode.OPERATION_DENIED);
    await expectCode(Secret.define(ro, '<secret/>'), ErrorCode.OPERATION_DENIED);
  });

  it('defines filters, looks them up by name or UUID (a UUID that finds nothing falls back to the name), lists sorted, undefines', async () => {
    const conn = withSecretsAndFilters(await virt.connect('test:///handles'));
    await NWFilter.define(conn, "<filter name='zeta' chain='ipv4'><uuid>11111111-0000-0000-0000-000000000000</uuid></filter>");
    await NWFilter.define(conn, "<filter name='alpha'><filterref filter='zeta'/></filter>");
    expect((await NWFilter.listAll(conn)).map((f) => f.name)).to.deep.equal(['alpha', 'zeta']);
    expect((await NWFilter.lookup(conn, '11111111-0000-0000-0000-000000000000')).name).to.equal('zeta');
    expect(await (await NWFilter.lookup(conn, 'alpha')).getXmlDesc()).to.include("<filterref filter='zeta'/>");
    await (await NWFilter.lookupByName(conn, 'zeta')).undefine();
    await expectCode(NWFilter.lookup(conn, 'zeta'), ErrorCode.NO_NWFILTER);
  });
});
