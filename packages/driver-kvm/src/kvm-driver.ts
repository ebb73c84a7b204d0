import { Logger, inject, injectable, parseDomainXml, type DriverConnection, type HypervisorDriver, type NativeConfigFormat, type OpenOptions, type VirtUri } from '@virtkit/core';
import { QemuCapsCache } from './caps-probe.js';
import { QEMU_7_2_CAPS, domxmlFromNative, domxmlToNative } from './native-argv.js';
import { hostPathsFor } from './host-paths.js';
import { KvmConnection } from './kvm-connection.js';
import { KvmHost } from './kvm-host.js';
import { PortAllocator } from './port-allocator.js';
import { KvmDriverConfig } from './tokens.js';

/**
 * qemu:///system, qemu:///session and qemu:///embed?root=DIR. One KvmHost
 * per root, shared by every connection of this driver (one Virt instance);
 * the first connection to a root loads its definitions and reattaches to
 * the QEMU processes still running there.
 */
@injectable()
export class KvmDriver implements HypervisorDriver {
  readonly name = 'QEMU';
  readonly uriSchemes = ['qemu'] as const;
  private readonly hosts = new Map<string, { host: Promise<KvmHost>; connections: number }>();
  private readonly ports: PortAllocator;
  /** One probe per QEMU binary for every root and for qemu-argv conversion. */
  private readonly caps = new QemuCapsCache();

  /**
   * qemu-argv (virsh domxml-to-native / domxml-from-native): converted with
   * the machine list of the emulator the XML names, or of Debian's QEMU 7.2
   * when that binary is not installed here.
   */
  readonly nativeFormats: readonly NativeConfigFormat[] = [{
    format: 'qemu-argv',
    toNative: async (xml: string) => {
      const emulator = parseDomainXml(xml).devices.emulator ?? this.config.emulator;
      const caps = await this.caps.get(emulator).catch(() => QEMU_7_2_CAPS);
      return domxmlToNative(xml, caps);
    },
    fromNative: async (argv: string) => domxmlFromNative(argv),
  }];

  constructor(
    @inject(KvmDriverConfig) private readonly config: KvmDriverConfig,
    @inject(Logger) private readonly logger: Logger,
  ) {
    this.ports = new PortAllocator(config.migrationPorts.min, config.migrationPorts.max);
  }

  async open(uri: VirtUri, _options: OpenOptions): Promise<DriverConnection | undefined> {
    const paths = hostPathsFor(uri);
    if (!paths) return undefined;
    let entry = this.hosts.get(paths.uri);
    if (!entry) {
      const h = new KvmHost(paths, this.config, this.ports, this.logger, this.caps);
      const e = { host: h.load().then(() => h), connections: 0 };
      entry = e;
      this.hosts.set(paths.uri, e);
      e.host.catch(() => { if (this.hosts.get(paths.uri) === e) this.hosts.delete(paths.uri); });
    }
    const e = entry;
    const host = await e.host;
    e.connections++;
    let closed = false;
    return new KvmConnection(host, () => {
      if (closed) return;
      closed = true;
      if (--e.connections > 0) return;
      // The last connection: let the guests run on and free their monitors.
      if (this.hosts.get(paths.uri) === e) this.hosts.delete(paths.uri);
      host.detach();
    });
  }
}
