import { expect } from 'chai';
import { ConnectCloseReason, Connection, DriverRole, ErrorCode, isVirtError, type ConnectionCloseEvent, type DriverConnection, type HypervisorDriver } from '@virtkit/core';

const driver: HypervisorDriver = { name: 'local', uriSchemes: ['local'], open: async () => undefined };

describe('core: Connection.registerCloseCallback', () => {
  it('answers NO_SUPPORT for a driver that does not declare close events', () => {
    const conn = new Connection('local:///', { features: new Set<number>() } as unknown as DriverConnection, driver, false);
    try {
      conn.registerCloseCallback(() => {});
      expect.fail('registered a close callback on a driver without close events');
    } catch (e) {
      expect(isVirtError(e, ErrorCode.NO_SUPPORT), String(e)).to.equal(true);
      expect((e as Error).message).to.equal('this function is not supported by the connection driver: close callbacks (local)');
    }
  });

  it('hands the listener to a driver that declares CLOSE_EVENTS, and returns its unsubscribe', () => {
    const listeners: Array<(e: ConnectionCloseEvent) => void> = [];
    const inner = {
      features: new Set<number>([DriverRole.CLOSE_EVENTS]),
      onConnectionClose(l: (e: ConnectionCloseEvent) => void) { listeners.push(l); return () => { listeners.splice(listeners.indexOf(l), 1); }; },
    };
    const conn = new Connection('local:///', inner as unknown as DriverConnection, driver, false);
    const seen: ConnectCloseReason[] = [];
    const off = conn.registerCloseCallback((e) => seen.push(e.reason));
    listeners[0]({ reason: ConnectCloseReason.KEEPALIVE, error: new Error('x') as never });
    expect(seen).to.deep.equal([ConnectCloseReason.KEEPALIVE]);
    off();
    expect(listeners).to.deep.equal([]);
  });
});
