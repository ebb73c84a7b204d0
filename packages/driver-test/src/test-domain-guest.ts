import { ErrorCode, ErrorDomain, UserPasswordFlags, checkFlags, domainNotRunning, type DomainRef } from '@virtkit/core';
import { type TestDomain, type TestHost, testError } from './host.js';

/** VIR_DOMAIN_PROCESS_SIGNAL_LAST: the signals virDomainProcessSignal names. */
const PROCESS_SIGNAL_LAST = 65;

/** The file systems of every test guest, in the order libvirt's test driver keeps their frozen state. */
const MOUNTPOINTS = ['/', '/boot'];

/**
 * DomainGuestRole on a test host, as libvirt 9.0's test driver answers it:
 * nothing reaches a guest, but the checks are libvirt's, and each guest's
 * / and /boot remember whether they are frozen.
 */
export class TestDomainGuest {
  constructor(private readonly host: TestHost) {}

  private active(dom: DomainRef): TestDomain {
    const d = this.host.domains.get(dom);
    if (d.id < 0) throw domainNotRunning();
    return d;
  }

  async injectNmi(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'testDomainInjectNMI', ErrorDomain.TEST);
    this.active(dom);
  }

  /** Only pid 1 is a process of a test guest; the domain need not run. */
  async sendProcessSignal(dom: DomainRef, pid: number, signum: number, flags: number): Promise<void> {
    checkFlags(flags, 0, 'testDomainSendProcessSignal', ErrorDomain.TEST);
    if (pid !== 1) throw testError(ErrorCode.INVALID_ARG, 'only sending a signal to pid 1 is supported');
    if (signum >= PROCESS_SIGNAL_LAST) throw testError(ErrorCode.INVALID_ARG, `signum value ${signum} is out of range`);
    this.host.domains.get(dom);
  }

  async setUserPassword(dom: DomainRef, _user: string, _password: string, flags: number): Promise<void> {
    checkFlags(flags, UserPasswordFlags.ENCRYPTED, 'testDomainSetUserPassword', ErrorDomain.TEST);
    this.active(dom);
  }

  async fsTrim(dom: DomainRef, mountPoint: string | undefined, _minimum: number, flags: number): Promise<void> {
    checkFlags(flags, 0, 'testDomainFSTrim', ErrorDomain.TEST);
    this.active(dom);
    if (mountPoint !== undefined && !MOUNTPOINTS.includes(mountPoint)) throw testError(ErrorCode.OPERATION_INVALID, `mount point not found: ${mountPoint}`);
  }

  async fsFreeze(dom: DomainRef, mountpoints: string[], flags: number): Promise<number> {
    checkFlags(flags, 0, 'testDomainFSFreeze', ErrorDomain.TEST);
    return this.change(this.active(dom), mountpoints, true);
  }

  async fsThaw(dom: DomainRef, mountpoints: string[], flags: number): Promise<number> {
    checkFlags(flags, 0, 'testDomainFSThaw', ErrorDomain.TEST);
    return this.change(this.active(dom), mountpoints, false);
  }

  /** Sets the named file systems (all for none) to `frozen`; how many changed. An unknown one changes nothing. */
  private change(d: TestDomain, mountpoints: string[], frozen: boolean): number {
    const names = mountpoints.length === 0 ? MOUNTPOINTS : mountpoints;
    const unknown = names.find((m) => !MOUNTPOINTS.includes(m));
    if (unknown !== undefined) throw testError(ErrorCode.OPERATION_INVALID, `mount point not found: ${unknown}`);
    const next = [...d.frozen];
    let changed = 0;
    for (const m of names) {
      const i = MOUNTPOINTS.indexOf(m);
      if (next[i] !== frozen) {
        next[i] = frozen;
        changed++;
      }
    }
    d.frozen = next;
    return changed;
  }
}
