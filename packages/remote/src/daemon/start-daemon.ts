import { Virt, loadPlugin, sharedXmlParsePool, type Logger, type VirtPlugin } from '@virtkit/core';
import { TestHostStore } from '@virtkit/driver-test';
import type { DaemonConfig } from './config.js';
import { VirtkitServer } from './server.js';
import { createRemotePlugin } from '../index.js';

/** Drivers virtkitd hosts when their packages are installed. */
export const BUILTIN_DRIVERS = ['@virtkit/driver-test', '@virtkit/driver-kvm', '@virtkit/driver-xen'];

/** A built-in driver's plugin, or undefined when its package is not installed; any other failure is thrown. */
async function loadBuiltin(specifier: string): Promise<VirtPlugin | undefined> {
  try {
    return await loadPlugin(specifier);
  } catch (e) {
    const cause = (e as Error).cause as NodeJS.ErrnoException | undefined;
    if (cause?.code === 'ERR_MODULE_NOT_FOUND' && cause.message.includes(`'${specifier}'`)) return undefined;
    throw e;
  }
}

export interface RunningDaemon {
  virt: Virt;
  server: VirtkitServer;
  stop(): Promise<void>;
}

/** Creates the daemon's Virt (built-in drivers, then configured plugins, then VIRTKIT_PLUGINS) and starts listening. */
export async function startDaemon(config: DaemonConfig, logger: Logger, extraPlugins: VirtPlugin[] = []): Promise<RunningDaemon> {
  const builtins: VirtPlugin[] = [];
  for (const s of BUILTIN_DRIVERS) {
    const p = await loadBuiltin(s);
    if (p) builtins.push(p);
  }
  // The remote driver last: the source of a peer-to-peer migration opens the destination's daemon with it (keepalive on).
  const virt = await Virt.create({ plugins: [...builtins, ...extraPlugins, ...config.plugins, createRemotePlugin()], logger });
  if (virt.container.isRegistered(TestHostStore)) virt.container.resolve(TestHostStore).maxHosts = config.maxTestHosts;
  // Clients' domain XML is parsed on worker threads; one stays loaded, so a call after a quiet spell (an incoming migration) does not wait for it to start.
  sharedXmlParsePool().keepWarm(1);
  const server = new VirtkitServer(virt, config, logger);
  try {
    // Held until virt.dispose: the hosts recover their guests before any client is served.
    for (const uri of config.openAtStart) await virt.connect(uri);
    await server.start();
  } catch (e) {
    await virt.dispose();
    throw e;
  }
  return {
    virt,
    server,
    async stop() {
      await server.stop();
      await virt.dispose();
    },
  };
}
