import { cloneDomainDef, type DiskDef, type DomainDef } from '@virtkit/core';
import { unsupportedConfig } from '../errors.js';

/** The file of a volume and its image format. */
export interface ResolvedVolume {
  path: string;
  format: string;
}

/** `<source pool=… volume=…/>` of a `<disk type='volume'>`; CONFIG_UNSUPPORTED for anything else on the source. */
function volumeSource(disk: DiskDef, el: string): { pool: string; volume: string } {
  const src = disk.source;
  const pool = src?.attrs.pool;
  const volume = src?.attrs.volume;
  if (!src || !pool || !volume) throw unsupportedConfig(`${el}/source`, "a volume disk needs <source pool='…' volume='…'/>");
  const extra = Object.keys(src.attrs).filter((a) => a !== 'pool' && a !== 'volume');
  if (extra.length > 0 || src.children.some((c) => c.kind === 'element')) throw unsupportedConfig(`${el}/source`, `only the pool and volume of a volume source are supported`);
  return { pool, volume };
}

export function hasVolumeDisks(def: DomainDef): boolean {
  return def.devices.disks.some((d) => d.type === 'volume');
}

/**
 * A copy of `def` whose volume disks are plain file disks on the files
 * `resolve` names (libvirt's virDomainDiskTranslateSourcePool): what the
 * command line is built from when the guest starts or arrives by
 * migration. The format comes from the volume unless the disk's driver
 * names one. `def` itself is returned when it has no volume disks.
 */
export async function resolveVolumeDisks(def: DomainDef, resolve: (pool: string, volume: string) => Promise<ResolvedVolume>): Promise<DomainDef> {
  if (!hasVolumeDisks(def)) return def;
  const out = cloneDomainDef(def);
  for (const [i, disk] of out.devices.disks.entries()) {
    if (disk.type !== 'volume') continue;
    const { pool, volume } = volumeSource(disk, `domain/devices/disk[${i + 1}]`);
    const vol = await resolve(pool, volume);
    disk.type = 'file';
    disk.sourcePath = vol.path;
    disk.source = undefined;
    if (disk.driver?.type === undefined) disk.driver = { name: 'qemu', ...disk.driver, type: vol.format };
  }
  return out;
}

/**
 * The same with a stand-in file for every volume: a definition is checked
 * when it is defined, before its pools need to run; the real files are
 * looked up at start.
 */
export function volumeStandIns(def: DomainDef): Promise<DomainDef> {
  return resolveVolumeDisks(def, async () => ({ path: '/dev/null', format: 'raw' }));
}
