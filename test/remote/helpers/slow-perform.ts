import type { Virt } from '@virtkit/core';
import type { RemoteConnection } from '@virtkit/remote';
import { testDomainXml } from './domain-xml.js';
import type { Virtkitd } from './virtkitd.js';

/**
 * Prepares a v2 migration of a running guest between two test hosts of `d`
 * and returns its Perform, called on the source connection, which takes `ms`
 * unless aborted.
 */
export async function slowPerform(d: Virtkitd, virt: Virt, name: string, ms = 400) {
  const src = await virt.connect(d.uri(`/${name}-a`, `migration-ms=${ms}`));
  const dst = await virt.connect(d.uri(`/${name}-b`, 'empty=1'));
  const dom = await src.defineDomain(testDomainXml(name));
  await dom.start();
  const s = src.driverConnection as RemoteConnection;
  const t = dst.driverConnection as RemoteConnection;
  const prep = await t.migratePrepare2({ flags: 0, bandwidth: 0, domXml: await dom.getXmlDesc(0) });
  return { src, perform: () => s.migratePerform(dom.driverRef, { cookie: prep.cookie, uri: prep.uriOut!, flags: 0, bandwidth: 0 }) };
}
