import { ErrorCode, ErrorDomain, errorReporter, type DriverConnection, type HypervisorDriver, type VirtPlugin } from '@virtkit/core';

const fail = errorReporter(ErrorDomain.TEST);

/**
 * A plugin for virtkitd (VIRTKIT_PLUGINS) whose `stall:///` connections
 * never answer listDomains: a command that is certainly still running on
 * the daemon when a test kills it. Every other call fails with NO_SUPPORT.
 */
const driver: HypervisorDriver = {
  name: 'stall',
  uriSchemes: ['stall'],
  async open(uri) {
    if (uri.transport !== undefined || uri.host !== undefined) return undefined;
    const methods: Record<string, unknown> = {
      features: new Set<number>(),
      listDomains: () => new Promise(() => {}),
      close: async () => {},
    };
    return new Proxy(methods, {
      get: (target, prop) => {
        if (typeof prop !== 'string' || prop === 'then') return undefined;
        return prop in target ? target[prop] : async () => { throw fail(ErrorCode.NO_SUPPORT, `${prop} (stall)`); };
      },
    }) as unknown as DriverConnection;
  },
};

export const plugin: VirtPlugin = {
  name: 'stall',
  coreApi: '^1',
  register(registry) {
    registry.register(driver);
  },
};
export default plugin;
