import type { VirtPlugin } from '@virtkit/core';
import { XenDriver } from './xen-driver.js';

/** Registers the xen:/// driver. Nothing happens on import. */
export const xenPlugin: VirtPlugin = {
  name: 'xen',
  coreApi: '^1',
  register(registry, container) {
    registry.register(container.resolve(XenDriver));
  },
};
