import type { VirtPlugin } from '@virtkit/core';
import { TestHostStore } from './host-store.js';
import { TestDriver } from './test-driver.js';

/**
 * The test driver as a plugin: the pattern a third-party driver copies.
 * Its services live in the Virt instance's container, so each instance has
 * its own hosts.
 */
export const testDriverPlugin: VirtPlugin = {
  name: '@virtkit/driver-test',
  coreApi: '^1',
  register(registry, container) {
    container.registerInstance(TestHostStore, container.resolve(TestHostStore));
    registry.register(container.resolve(TestDriver));
  },
};

export default testDriverPlugin;
