import { DriverRole } from '../features.js';
import type { DriverConnection } from './contract.js';
import type { DomainRef } from './types.js';

/**
 * What is asked of the running guest itself (through its agent or the
 * hypervisor): an NMI, a signal to one of its processes, a user's password,
 * and its file systems trimmed, frozen or thawed. `dom` identifies a domain
 * by UUID first (NO_DOMAIN when it is gone); every `flags` is checked.
 * @since 1.5
 */

/** virDomainSetUserPasswordFlags: ENCRYPTED means the password is already crypt(3)ed. */
export const UserPasswordFlags = { ENCRYPTED: 1 << 0 } as const;

export interface DomainGuestRole {
  /** virDomainInjectNMI. */
  injectNmi(dom: DomainRef, flags: number): Promise<void>;
  /** virDomainSendProcessSignal: virDomainProcessSignal `signum` to guest process `pid`. */
  sendProcessSignal(dom: DomainRef, pid: number, signum: number, flags: number): Promise<void>;
  /** virDomainSetUserPassword; UserPasswordFlags. */
  setUserPassword(dom: DomainRef, user: string, password: string, flags: number): Promise<void>;
  /** virDomainFSTrim: `mountPoint` undefined for every file system; `minimum` bytes, a hint. */
  fsTrim(dom: DomainRef, mountPoint: string | undefined, minimum: number, flags: number): Promise<void>;
  /** virDomainFSFreeze: the named file systems (all for none); how many were frozen by this call. */
  fsFreeze(dom: DomainRef, mountpoints: string[], flags: number): Promise<number>;
  /** virDomainFSThaw: as fsFreeze; how many were thawed. */
  fsThaw(dom: DomainRef, mountpoints: string[], flags: number): Promise<number>;
}

export const DOMAIN_GUEST_ROLE_METHODS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [DriverRole.DOMAIN_GUEST, ['injectNmi', 'sendProcessSignal', 'setUserPassword', 'fsTrim', 'fsFreeze', 'fsThaw']],
];

export function hasDomainGuestRole(c: DriverConnection): c is DriverConnection & DomainGuestRole { return c.features.has(DriverRole.DOMAIN_GUEST); }
