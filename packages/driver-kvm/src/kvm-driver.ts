import {
  Clock, Logger, parseDomainXml, resolveToken,
  type DriverConnection, type HypervisorDriver, type NativeConfigFormat, type OpenOptions, type VirtUri,
} from '@virtkit/core';
import type { DependencyContainer } from 'tsyringe';
import { QemuCapsCache } from './caps-probe.js';
import { HostPathsResolver } from './host-paths.js';
import { KvmConnection } from './kvm-connection.js';
import { KvmHost, type KvmHostServices } from './kvm-host.js';
import { QEMU_7_2_CAPS, domxmlFromNative, domxmlToNative } from './native-argv.js';
import { PortAllocator } from './port-allocator.js';
import { ProcessRunner } from './process-runner.js';
import { QemuProcesses } from './qemu-process.js';
import { QmpConnector } from './qmp-client.js';
import { KvmDriverConfig } from './tokens.js';

/** The driver's services, resolved from the Virt instance's container on first use. */
interface DriverServices extends KvmHostServices {
  paths: HostPathsResolver;
}

/**
 * qemu:///system, qemu:///session and qemu:///embed?root=DIR. One KvmHost
 * per root, shared by every connection of this driver (one Virt instance);
 * the first connection to a root loads its definitions and reattaches to
 * the QEMU processes still running there. Its services (settings, process
 * runner, QMP connector, port allocator, host paths, clock, logger) come
 * from the Virt instance's container when first needed, so a test can
 * register replacements after the plugin and before connecting.
 */
export class KvmDriver implements HypervisorDriver {
  readonly name = 'QEMU';
  readonly uriSchemes = ['qemu'] as const;
  private readonly hosts = new Map<string, { host: Promise<KvmHost>; connections: number }>();
  private resolved: DriverServices | undefined;

  /**
   * qemu-argv (virsh domxml-to-native / domxml-from-native): converted with
   * the machine list of the emulator the XML names, or of Debian's QEMU 7.2
   * when that binary is not installed here.
   */
  readonly nativeFormats: readonly NativeConfigFormat[] = [{
    format: 'qemu-argv',
    toNative: async (xml: string) => {
      const { config, caps } = this.services();
      const emulator = parseDomainXml(xml).devices.emulator ?? config.emulator;
      return domxmlToNative(xml, await caps.get(emulator).catch(() => QEMU_7_2_CAPS));
    },
    fromNative: async (argv: string) => domxmlFromNative(argv),
  }];

  /** container: the Virt instance's; only this composition point reads it. */
  constructor(private readonly container: DependencyContainer) {}

  private services(): DriverServices {
    if (!this.resolved) {
      const c = this.container;
      const clock = resolveToken(c, Clock);
      const runner = resolveToken(c, ProcessRunner);
      this.resolved = {
        config: resolveToken(c, KvmDriverConfig),
        logger: resolveToken(c, Logger),
        clock,
        ports: resolveToken(c, PortAllocator),
        paths: resolveToken(c, HostPathsResolver),
        // One probe per QEMU binary for every root and for qemu-argv conversion.
        caps: new QemuCapsCache(undefined, runner),
        processes: new QemuProcesses(runner, resolveToken(c, QmpConnector), clock),
      };
    }
    return this.resolved;
  }

  async open(uri: VirtUri, _options: OpenOptions): Promise<DriverConnection | undefined> {
    const services = this.services();
    const paths = services.paths.pathsFor(uri);
    if (!paths) return undefined;
    let entry = this.hosts.get(paths.uri);
    if (!entry) {
      const h = new KvmHost(paths, services);
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
