import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const run = promisify(execFile);

/**
 * The small test guest: Debian's cloud kernel and an initramfs whose /init
 * (busybox sh) prints `c=<n>` on the first serial port every ~100 ms and
 * powers off when the ACPI power button is pressed (the kernel's button and
 * evdev modules are loaded from the same package). With
 * `virtkit.mode=dirty` on the kernel command line it also rewrites 64 MiB of
 * memory continuously; with `virtkit.mode=diskwrite` it loads virtio_blk
 * (and the virtio modules it needs, from the kernel package) and writes an
 * increasing counter to the first virtio disk (/dev/vda in the guest),
 * record n (`w=<n>` padded with NULs to 512 bytes) at sector n, flushed,
 * every ~100 ms. Built once per machine from Debian packages
 * (apt-get download + dpkg -x + cpio), cached outside the repository.
 */
export interface TestGuest {
  kernel: string;
  initrd: string;
}

const INIT = `#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t devtmpfs dev /dev 2>/dev/null
/bin/busybox insmod /lib/evdev.ko 2>/dev/null
/bin/busybox insmod /lib/button.ko 2>/dev/null
for e in /dev/input/event*; do
  ( /bin/busybox head -c 1 "$e" >/dev/null && /bin/busybox poweroff -f ) &
done
if /bin/busybox grep -q virtkit.mode=dirty /proc/cmdline; then
  (
    /bin/busybox dd if=/dev/urandom of=/tmp/seed bs=64k count=16 2>/dev/null
    while true; do
      n=0
      while [ $n -lt 64 ]; do
        /bin/busybox dd if=/tmp/seed of=/tmp/buf bs=1M seek=$n conv=notrunc 2>/dev/null
        n=$((n+1))
      done
    done
  ) &
fi
if /bin/busybox grep -q virtkit.mode=diskwrite /proc/cmdline; then
  (
    for m in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk; do
      /bin/busybox insmod /lib/$m.ko 2>/dev/null
    done
    while [ ! -b /dev/vda ]; do /bin/busybox usleep 10000; done
    sectors=$(( $(/bin/busybox blockdev --getsize64 /dev/vda) / 512 ))
    n=0
    while true; do
      echo "w=$n" | /bin/busybox dd of=/dev/vda bs=512 seek=$((n % sectors)) conv=notrunc,sync,fsync 2>/dev/null
      n=$((n+1))
      /bin/busybox usleep 100000
    done
  ) &
fi
i=0
while true; do
  echo "c=$i" > /dev/ttyS0
  i=$((i+1))
  /bin/busybox usleep 100000
done
`;

export function guestCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'virtkit', 'guest-v3');
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(() => true, () => false);
}

async function kernelPackage(): Promise<string> {
  const { stdout } = await run('apt-cache', ['depends', 'linux-image-cloud-amd64']);
  const m = /Depends:\s*(linux-image-\S+-cloud-amd64)/.exec(stdout);
  if (!m) throw new Error(`cannot resolve the cloud kernel package from: ${stdout}`);
  return m[1];
}

/** What one initramfs variant adds to the common root (busybox, /init). */
interface GuestVariant {
  cacheDir: string;
  init: string;
  /** Module files by name (without .ko), copied to /lib, e.g. 'virtio_net'. */
  modules: string[];
  /** Extra files of the root, relative path → content and mode. */
  files?: Record<string, { text: string; mode: number }>;
}

// virtio_blk and its bus modules: the diskwrite mode's disk (Debian's cloud kernel builds them as modules).
const COUNTER_GUEST: GuestVariant = { cacheDir: 'guest-v3', init: INIT, modules: ['evdev', 'button', 'virtio_ring', 'virtio', 'virtio_pci_legacy_dev', 'virtio_pci_modern_dev', 'virtio_pci', 'virtio_blk'] };

/** Returns the cached guest, building it first when missing. */
export function ensureTestGuest(): Promise<TestGuest> {
  return ensureGuest(COUNTER_GUEST);
}

async function findModule(root: string, name: string): Promise<string> {
  const { stdout } = await run('find', [root, '-name', `${name}.ko`]);
  const hit = stdout.split('\n').find((l) => l.trim() !== '');
  if (!hit) throw new Error(`the kernel package has no module ${name}.ko`);
  return hit.trim();
}

async function ensureGuest(variant: GuestVariant): Promise<TestGuest> {
  const dir = path.join(path.dirname(guestCacheDir()), variant.cacheDir);
  const guest = { kernel: path.join(dir, 'vmlinuz'), initrd: path.join(dir, 'initrd.gz') };
  if ((await exists(guest.kernel)) && (await exists(guest.initrd))) return guest;
  await fs.mkdir(path.dirname(dir), { recursive: true });
  const work = await fs.mkdtemp(path.join(path.dirname(dir), 'build-'));
  try {
    const pkgs = path.join(work, 'debs');
    await fs.mkdir(pkgs);
    await run('apt-get', ['download', await kernelPackage(), 'busybox-static'], { cwd: pkgs });
    const debs = await fs.readdir(pkgs);
    const extracted = path.join(work, 'x');
    for (const deb of debs) await run('dpkg', ['-x', path.join(pkgs, deb), extracted]);
    const boot = path.join(extracted, 'boot');
    const vmlinuz = (await fs.readdir(boot)).find((f) => f.startsWith('vmlinuz-'));
    if (!vmlinuz) throw new Error('the kernel package has no vmlinuz');
    const out = path.join(work, 'out');
    await fs.mkdir(out);
    await fs.copyFile(path.join(boot, vmlinuz), path.join(out, 'vmlinuz'));
    const root = path.join(work, 'rootfs');
    for (const d of ['bin', 'proc', 'dev', 'tmp', 'lib']) await fs.mkdir(path.join(root, d), { recursive: true });
    const release = vmlinuz.slice('vmlinuz-'.length);
    const mods = path.join(extracted, 'lib', 'modules', release, 'kernel');
    for (const m of variant.modules) await fs.copyFile(await findModule(mods, m), path.join(root, 'lib', `${m}.ko`));
    await fs.copyFile(path.join(extracted, 'bin', 'busybox'), path.join(root, 'bin', 'busybox'));
    await fs.chmod(path.join(root, 'bin', 'busybox'), 0o755);
    await fs.writeFile(path.join(root, 'init'), variant.init, { mode: 0o755 });
    for (const [rel, f] of Object.entries(variant.files ?? {})) {
      await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await fs.writeFile(path.join(root, rel), f.text, { mode: f.mode });
    }
    // pipefail: a missing or failing cpio must fail the build, not cache an empty initramfs.
    await run('bash', ['-c', 'set -o pipefail; cd "$1" && find . | cpio -o -H newc --quiet | gzip -1 > "$2"', 'bash', root, path.join(out, 'initrd.gz')]);
    await fs.rename(out, dir).catch(async (e: NodeJS.ErrnoException) => {
      // Another process built it first.
      if (!(await exists(guest.initrd))) throw e;
    });
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  return guest;
}

/**
 * The network test guest: the same kernel, its own virtio modules loaded
 * by /init in dependency order, then busybox's udhcpc on eth0 (the script
 * sets the address and default route and prints `lease=<ip>` on the
 * serial port, then `gateway=reached` once it pinged the router) and
 * busybox's httpd on port 80 serving `virtkit-guest <hostname>`. It powers off on the ACPI button like the counter guest.
 */
export function ensureNetworkGuest(): Promise<TestGuest> {
  return ensureGuest(NETWORK_GUEST);
}

const NET_MODULES = ['evdev', 'button', 'virtio_ring', 'virtio', 'virtio_pci_modern_dev', 'virtio_pci_legacy_dev', 'virtio_pci', 'failover', 'net_failover', 'virtio_net'];

const NET_INIT = `#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t devtmpfs dev /dev 2>/dev/null
for m in ${NET_MODULES.join(' ')}; do /bin/busybox insmod /lib/$m.ko 2>/dev/null; done
for e in /dev/input/event*; do
  ( /bin/busybox head -c 1 "$e" >/dev/null && /bin/busybox poweroff -f ) &
done
/bin/busybox ip link set lo up
/bin/busybox ip link set eth0 up
/bin/busybox mkdir -p /www
echo "virtkit-guest vkguest" > /www/index.html
/bin/busybox httpd -p 80 -h /www
/bin/busybox udhcpc -i eth0 -s /bin/udhcpc.script -x hostname:vkguest -t 20 -T 1 -b
while true; do
  echo "net=$(/bin/busybox ip -4 -o addr show dev eth0 | /bin/busybox awk '{print $4}')" > /dev/ttyS0
  /bin/busybox sleep 1
done
`;

const UDHCPC_SCRIPT = `#!/bin/busybox sh
case "$1" in
  deconfig)
    /bin/busybox ip -4 addr flush dev "$interface"
    ;;
  bound|renew)
    /bin/busybox ip -4 addr flush dev "$interface"
    /bin/busybox ip addr add "$ip/\${mask:-24}" dev "$interface"
    if [ -n "$router" ]; then /bin/busybox ip route add default via "\${router%% *}" dev "$interface"; fi
    echo "lease=$ip" > /dev/ttyS0
    if [ -n "$router" ]; then
      ( /bin/busybox ping -c 1 -W 3 "\${router%% *}" >/dev/null && echo "gateway=reached" > /dev/ttyS0 ) &
    fi
    ;;
esac
`;

const NETWORK_GUEST: GuestVariant = {
  cacheDir: 'guest-net-v2',
  init: NET_INIT,
  modules: NET_MODULES,
  files: { 'bin/udhcpc.script': { text: UDHCPC_SCRIPT, mode: 0o755 } },
};

/**
 * The disk-size guest: the counter guest's virtio_blk modules loaded by
 * /init, then `vda=<n>` and `vdb=<n>` printed on the serial port every
 * ~100 ms, n being /sys/block/vdX/size (512-byte sectors as the guest's
 * kernel sees the first two virtio disks; `none` while a disk is absent). Powers off on the
 * ACPI button like the others.
 */
export function ensureDiskGuest(): Promise<TestGuest> {
  return ensureGuest(DISK_GUEST);
}

const DISK_MODULES = ['evdev', 'button', 'virtio_ring', 'virtio', 'virtio_pci_legacy_dev', 'virtio_pci_modern_dev', 'virtio_pci', 'virtio_blk'];

const DISK_INIT = `#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t devtmpfs dev /dev 2>/dev/null
/bin/busybox mkdir -p /sys
/bin/busybox mount -t sysfs sysfs /sys
for m in ${DISK_MODULES.join(' ')}; do /bin/busybox insmod /lib/$m.ko 2>/dev/null; done
for e in /dev/input/event*; do
  ( /bin/busybox head -c 1 "$e" >/dev/null && /bin/busybox poweroff -f ) &
done
while true; do
  for d in vda vdb; do
    echo "$d=$(/bin/busybox cat /sys/block/$d/size 2>/dev/null || echo none)" > /dev/ttyS0
  done
  /bin/busybox usleep 100000
done
`;

const DISK_GUEST: GuestVariant = { cacheDir: 'guest-disk-v2', init: DISK_INIT, modules: DISK_MODULES };

/** The last `<dev>=<sectors>` the disk-size guest printed for `dev`, undefined before the first. */
export function lastDiskSize(log: string, dev: 'vda' | 'vdb' = 'vda'): number | undefined {
  const all = [...log.matchAll(new RegExp(`^${dev}=(\\d+)\\r?\\n`, 'gm'))];
  return all.length === 0 ? undefined : Number(all.at(-1)![1]);
}

/** The counter values printed on a serial log, in order (complete lines only). */
export function counterValues(log: string): number[] {
  const out: number[] = [];
  for (const m of log.matchAll(/^c=(\d+)\r?\n/gm)) out.push(Number(m[1]));
  return out;
}
