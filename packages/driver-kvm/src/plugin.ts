import type { VirtPlugin } from '@virtkit/core';
import { KvmDriver } from './kvm-driver.js';
import { KvmDriverConfig, defaultKvmDriverConfig } from './tokens.js';

/**
 * The KVM/QEMU driver as a plugin. A KvmDriverConfig registered in the
 * container before (partial values allowed) overrides the defaults.
 */
export const kvmPlugin: VirtPlugin = {
  name: '@virtkit/driver-kvm',
  coreApi: '^1',
  register(registry, container) {
    const given = container.isRegistered(KvmDriverConfig) ? container.resolve<Partial<KvmDriverConfig>>(KvmDriverConfig) : {};
    container.register(KvmDriverConfig, { useValue: { ...defaultKvmDriverConfig, ...given } });
    registry.register(container.resolve(KvmDriver));
  },
};

/** kvmPlugin with settings, e.g. another migration port range. */
export function createKvmPlugin(config: Partial<KvmDriverConfig>): VirtPlugin {
  return {
    ...kvmPlugin,
    register(registry, container) {
      container.register(KvmDriverConfig, { useValue: { ...defaultKvmDriverConfig, ...config } });
      registry.register(container.resolve(KvmDriver));
    },
  };
}

export default kvmPlugin;
