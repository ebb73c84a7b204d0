import { Duplex } from 'node:stream';
import { DriverRole, ErrorCode, ErrorDomain, errorReporter, type DomainRef, type DriverConnection, type HypervisorDriver, type VirtPlugin } from '@virtkit/core';

const fail = errorReporter(ErrorDomain.TEST);
const ECHO: DomainRef = { name: 'echo', uuid: 'e0e0e0e0-0000-4000-8000-000000000001', id: 1 };

/** Bytes FLOOD sends: a counter pattern, so order and loss show. */
export const FLOOD_BYTES = 8 * 1024 * 1024;
export const floodByte = (i: number) => (i * 7 + (i >> 16)) & 0xff;

let open: Duplex | undefined;

/**
 * A console device for the stream tests: it echoes what it is sent; "FLOOD"
 * makes it send FLOOD_BYTES of floodByte(i) as fast as its reader takes
 * them; "FAIL" makes it fail with INTERNAL_ERROR. One client at a time
 * (OPERATION_FAILED otherwise), so a reopen tells whether the last client's
 * abort reached the device.
 */
function device(): Duplex {
  let flood = 0;
  let flooding = false;
  const pump = () => {
    while (flooding && flood < FLOOD_BYTES) {
      const n = Math.min(65536, FLOOD_BYTES - flood);
      const chunk = Buffer.alloc(n);
      for (let i = 0; i < n; i++) chunk[i] = floodByte(flood + i);
      flood += n;
      if (!d.push(chunk)) return;
    }
    flooding = false;
  };
  const d = new Duplex({
    allowHalfOpen: false,
    read() { pump(); },
    write(chunk: Buffer, _e, cb) {
      const text = chunk.toString('latin1');
      if (text.includes('FAIL')) {
        cb();
        d.destroy(fail(ErrorCode.INTERNAL_ERROR, 'the console device failed'));
        return;
      }
      if (text.includes('FLOOD')) {
        flooding = true;
        pump();
      } else d.push(chunk);
      cb();
    },
    final(cb) { d.push(null); cb(); },
  });
  return d;
}

const driver: HypervisorDriver = {
  name: 'echoconsole',
  uriSchemes: ['echoconsole'],
  async open(uri) {
    if (uri.transport !== undefined || uri.host !== undefined) return undefined;
    const methods: Record<string, unknown> = {
      features: new Set<number>([DriverRole.CONSOLE]),
      lookupByName: async (name: string) => { if (name !== 'echo') throw fail(ErrorCode.NO_DOMAIN, `no domain with matching name '${name}'`); return ECHO; },
      async openConsole(dom: DomainRef) {
        if (dom.uuid !== ECHO.uuid) throw fail(ErrorCode.NO_DOMAIN, 'no domain with matching uuid');
        if (open && !open.destroyed) throw fail(ErrorCode.OPERATION_FAILED, 'Active console session exists for this domain');
        open = device();
        return open;
      },
      close: async () => {},
    };
    return new Proxy(methods, {
      get: (target, prop) => {
        if (typeof prop !== 'string' || prop === 'then') return undefined;
        return prop in target ? target[prop] : async () => { throw fail(ErrorCode.NO_SUPPORT, `${prop} (echoconsole)`); };
      },
    }) as unknown as DriverConnection;
  },
};

export const plugin: VirtPlugin = {
  name: 'echoconsole',
  coreApi: '^1',
  register(registry) {
    registry.register(driver);
  },
};
export default plugin;
