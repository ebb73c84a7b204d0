import { Clock, resolveToken, type VirtPlugin } from '@virtkit/core';
import { instanceCachingFactory } from 'tsyringe';
import { HostPathsResolver, defaultHostPathsResolver } from './host-paths.js';
import { KvmDriver } from './kvm-driver.js';
import { PortAllocator, RangePortAllocator } from './port-allocator.js';
import { ProcessRunner, systemProcessRunner } from './process-runner.js';
import { QmpConnector, socketQmpConnector } from './qmp-client.js';
import { KvmDriverConfig, defaultKvmDriverConfig } from './tokens.js';

/**
 * The KVM/QEMU driver as a plugin, with settings (e.g. another migration
 * port range); unset fields keep their defaults. It registers its services
 * with their defaults in the Virt instance's container: a registration made
 * later under the same token (a fake process runner, a QMP connector to a
 * fake monitor) replaces the default for connections opened after it.
 */
export function createKvmPlugin(config: Partial<KvmDriverConfig> = {}): VirtPlugin {
  return {
    name: '@virtkit/driver-kvm',
    coreApi: '^1',
    register(registry, container) {
      const settings: KvmDriverConfig = { ...defaultKvmDriverConfig, ...config };
      container.register(KvmDriverConfig, { useValue: settings });
      container.register(ProcessRunner, { useValue: systemProcessRunner });
      container.register(HostPathsResolver, { useValue: defaultHostPathsResolver });
      container.register(QmpConnector, { useFactory: instanceCachingFactory((c) => socketQmpConnector(resolveToken(c, Clock))) });
      container.register(PortAllocator, { useFactory: instanceCachingFactory(() => new RangePortAllocator(settings.migrationPorts.min, settings.migrationPorts.max)) });
      registry.register(new KvmDriver(container));
    },
  };
}

/** The KVM/QEMU driver with default settings. */
export const kvmPlugin: VirtPlugin = createKvmPlugin();

export default kvmPlugin;
