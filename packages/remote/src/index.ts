import type { DependencyContainer, DriverRegistry, VirtPlugin } from '@virtkit/core';
import { RemoteClientOptions, RemoteDriver } from './client/remote-driver.js';

export * from './xdr/xdr.js';
export * from './xdr/codec.js';
export * from './protocol/constants.js';
export * from './protocol/message.js';
export * from './protocol/error.js';
export * from './protocol/types.js';
export * from './protocol/wire-values.js';
export * from './protocol/procedures.js';
export * from './protocol/procedure.js';
export * from './protocol/domain-events.js';
export * from './protocol/generated/virnet.js';
export * from './protocol/generated/remote.js';
export * from './protocol/generated/qemu.js';
export * from './protocol/keepalive.js';
export * from './protocol/stream.js';
export * from './client/rpc-client.js';
export * from './client/remote-connection.js';
export * from './client/remote-driver.js';
export * from './transport/pki.js';
export * from './transport/tls-peer.js';
export * from './transport/tls.js';
export * from './sasl/scram.js';
export * from './transport/auth-config.js';
export * from './transport/remote-auth.js';
export * from './transport/ssh.js';

/** A remote plugin with its own client options (keepalive, call timeout). */
export function createRemotePlugin(options: RemoteClientOptions = {}): VirtPlugin {
  return {
    name: 'remote',
    coreApi: '^1',
    register(registry: DriverRegistry, container: DependencyContainer) {
      if (!container.isRegistered(RemoteClientOptions)) container.registerInstance(RemoteClientOptions, options);
      registry.register(container.resolve(RemoteDriver));
    },
  };
}

/** The remote client driver: `DRIVER+unix:///PATH?socket=…`, `DRIVER+tcp://HOST:PORT/PATH` and `DRIVER+tls://HOST[:PORT]/PATH`. */
export const remotePlugin: VirtPlugin = createRemotePlugin();
export default remotePlugin;
