import type { QmpMonitor } from '../qmp-client.js';

/**
 * The QEMU ids of a running guest's NICs, read from QEMU itself (QOM under
 * /machine/peripheral): the command line numbers them by position
 * (net<i>, hostnet<i>), which hotplug and unplug leave behind.
 */
export async function runningNics(qmp: QmpMonitor): Promise<Array<{ id: string; netdev: string; mac: string }>> {
  const children = await qmp.execute<Array<{ name: string; type: string }>>('qom-list', { path: '/machine/peripheral' });
  const out: Array<{ id: string; netdev: string; mac: string }> = [];
  for (const c of children) {
    if (!c.type.startsWith('child<')) continue;
    const path = `/machine/peripheral/${c.name}`;
    const mac = await qmp.execute<string>('qom-get', { path, property: 'mac' }).catch(() => undefined);
    if (typeof mac !== 'string') continue;
    const netdev = await qmp.execute<string>('qom-get', { path, property: 'netdev' }).catch(() => '');
    out.push({ id: c.name, netdev, mac: mac.toLowerCase() });
  }
  return out;
}

/** Device and netdev ids net<k>/hostnet<k> that no running NIC holds, k from `from` up. */
export async function freeNicIds(qmp: QmpMonitor, from: number): Promise<{ id: string; netdev: string }> {
  const used = new Set((await runningNics(qmp)).flatMap((n) => [n.id, n.netdev]));
  let k = from;
  while (used.has(`net${k}`) || used.has(`hostnet${k}`)) k++;
  return { id: `net${k}`, netdev: `hostnet${k}` };
}
