import type { VirtPlugin } from '@virtkit/core';
import { KvmDriver } from './kvm-driver.js';
import { KvmDriverConfig, defaultKvmDriverConfig } from './tokens.js';

/**
 * The KVM/QEMU driver as a plugin, with settings (e.g. another migration
 * port range); unset fields keep their defaults.
 */
export function createKvmPlugin(config: Partial<KvmDriverConfig> = {}): VirtPlugin {
  return {
    name: '@virtkit/driver-kvm',
    coreApi: '^1',
    register(registry, container) {
      container.register(KvmDriverConfig, { useValue: { ...defaultKvmDriverConfig, ...config } });
      registry.register(container.resolve(KvmDriver));
    },
  };
}

/** The KVM/QEMU driver with default settings. */
export const kvmPlugin: VirtPlugin = createKvmPlugin();

export default kvmPlugin;
