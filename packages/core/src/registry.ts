import { ErrorCode, ErrorDomain, VirtError, errorReporter } from './errors.js';
import type { DriverConnection, HypervisorDriver, NativeConfigFormat, OpenOptions } from './driver/contract.js';
import { formatUri, type VirtUri } from './uri.js';

const fail = errorReporter(ErrorDomain.NONE);

/**
 * The drivers of one Virt instance. Opening a URI asks each local driver
 * that claims the scheme, in registration order, then the remote drivers:
 * the first that does not decline wins (libvirt's virConnectOpen).
 */
export class DriverRegistry {
  private readonly drivers: HypervisorDriver[] = [];

  register(driver: HypervisorDriver): void {
    if (!driver || typeof driver.open !== 'function' || typeof driver.name !== 'string' || !Array.isArray(driver.uriSchemes)) {
      throw fail(ErrorCode.INVALID_ARG, 'not a hypervisor driver (needs name, uriSchemes and open)');
    }
    if (this.drivers.some((d) => d.name === driver.name)) {
      throw fail(ErrorCode.INVALID_ARG, `a driver named '${driver.name}' is already registered`);
    }
    this.drivers.push(driver);
  }

  list(): readonly HypervisorDriver[] {
    return this.drivers;
  }

  /** The converter for a native configuration format, from whichever driver offers it. */
  nativeFormat(format: string): NativeConfigFormat {
    for (const d of this.drivers) {
      const f = d.nativeFormats?.find((x) => x.format === format);
      if (f) return f;
    }
    const known = this.drivers.flatMap((d) => d.nativeFormats?.map((x) => x.format) ?? []);
    throw fail(ErrorCode.CONFIG_UNSUPPORTED, `unsupported config type ${format}${known.length ? ` (known: ${known.join(', ')})` : ''}`);
  }

  async open(uri: VirtUri, options: OpenOptions): Promise<{ driver: HypervisorDriver; connection: DriverConnection }> {
    const remoteAccess = uri.transport !== undefined || uri.host !== undefined;
    const local = remoteAccess ? [] : this.drivers.filter((d) => !d.remote && d.uriSchemes.includes(uri.driver));
    const remote = this.drivers.filter((d) => d.remote);
    for (const driver of [...local, ...remote]) {
      const connection = await driver.open(uri, options);
      if (connection) return { driver, connection };
    }
    throw fail(ErrorCode.NO_CONNECT, formatUri(uri));
  }
}
