import { DomainState } from '@virtkit/core';
import { sexprValue, type Sexpr } from './sexpr/index.js';

/** xend's `(status N)`: the XEN-API power state. */
export enum XendPowerState { HALTED = 0, PAUSED = 1, RUNNING = 2, SUSPENDED = 3, SHUTTINGDOWN = 4, CRASHED = 5, UNKNOWN = 6 }

const LETTERS: Array<[string, DomainState]> = [
  ['c', DomainState.CRASHED], ['s', DomainState.SHUTOFF], ['d', DomainState.SHUTDOWN],
  ['p', DomainState.PAUSED], ['b', DomainState.BLOCKED], ['r', DomainState.RUNNING],
];

const FROM_STATUS: Record<number, DomainState> = {
  [XendPowerState.HALTED]: DomainState.SHUTOFF,
  [XendPowerState.PAUSED]: DomainState.PAUSED,
  [XendPowerState.RUNNING]: DomainState.RUNNING,
  [XendPowerState.SUSPENDED]: DomainState.SHUTOFF,
  [XendPowerState.SHUTTINGDOWN]: DomainState.SHUTDOWN,
  [XendPowerState.CRASHED]: DomainState.CRASHED,
  [XendPowerState.UNKNOWN]: DomainState.NOSTATE,
};

/**
 * The domain state of an xend description, as libvirt's
 * sexpr_to_xend_domain_state reads it: the first of the letters c, s, d, p,
 * b, r present in `(state …)`; without a state string, the `(status N)`
 * power state; without either, SHUTOFF for an inactive domain.
 */
export function domainStateFromSexpr(desc: Sexpr): DomainState {
  const letters = sexprValue(desc, 'state');
  if (letters !== undefined) {
    for (const [letter, state] of LETTERS) if (letters.includes(letter)) return state;
  }
  const status = sexprValue(desc, 'status');
  if (status !== undefined && /^\d+$/.test(status)) return FROM_STATUS[Number(status)] ?? DomainState.NOSTATE;
  return sexprValue(desc, 'domid') === undefined ? DomainState.SHUTOFF : DomainState.NOSTATE;
}
