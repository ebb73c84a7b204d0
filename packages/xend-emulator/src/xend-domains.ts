import { Guest, PowerState, POWER_STATE_NAMES } from './guest.js';
import { VMBadState, VmError, XendError, XendInvalidDomain } from './xend-errors.js';
import type { Sexpr } from '@virtkit/driver-xen/sexpr';

const SHUTDOWN_REASONS = ['poweroff', 'reboot', 'suspend', 'crash', 'halt'];

/**
 * xend's domain table (XendDomain.py): Domain-0 plus managed and running
 * guests, with xend's checks and messages for each state change.
 */
export class XendDomains {
  private readonly guests: Guest[] = [];
  private nextDomid = 1;

  constructor(readonly hostMemoryMib: number, private readonly now: () => number = () => Date.now() / 1000) {
    const dom0 = new Guest(['vm', ['name', 'Domain-0'], ['uuid', '00000000-0000-0000-0000-000000000000'], ['memory', String(Math.floor(hostMemoryMib / 4))], ['vcpus', '2']]);
    dom0.domid = 0;
    dom0.power = PowerState.RUNNING;
    dom0.startTime = now();
    this.guests.push(dom0);
  }

  all(): readonly Guest[] {
    return this.guests;
  }

  /** XendDomain.list(state): 'all' or one of POWER_STATE_NAMES; sorted by name. */
  list(state: string): Guest[] {
    const filtered = state === 'all' ? [...this.guests] : this.guests.filter((g) => POWER_STATE_NAMES[g.power] === state);
    return filtered.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** domain_lookup_nr: active name, managed name, domid, active uuid, managed uuid. */
  find(key: string): Guest | undefined {
    const byName = this.guests.find((g) => g.active && g.name === key) ?? this.guests.find((g) => g.managed && g.name === key);
    if (byName) return byName;
    if (/^\d+$/.test(key)) {
      const byId = this.guests.find((g) => g.domid === Number(key));
      if (byId) return byId;
    }
    const lower = key.toLowerCase();
    return this.guests.find((g) => g.active && g.uuid === lower) ?? this.guests.find((g) => g.managed && g.uuid === lower);
  }

  lookup(key: string): Guest {
    const g = this.find(key);
    if (!g) throw new XendInvalidDomain(key);
    return g;
  }

  private isDom0(g: Guest): boolean {
    return g.domid === 0;
  }

  /** XendDomainInfo.create: no running domain may have the new one's name or UUID. */
  private checkUnique(g: Guest): void {
    const clash = this.guests.find((o) => o !== g && o.active && o.name === g.name) ?? this.guests.find((o) => o !== g && o.active && o.uuid === g.uuid);
    if (clash) throw new VmError(`Domain '${g.name}' already exists with ID '${clash.domid}'`);
  }

  /** XendDomainInfo._checkName: a name belongs to one UUID. */
  private checkName(g: Guest, except?: Guest): void {
    const other = this.guests.find((o) => o !== except && o.name === g.name && o.uuid !== g.uuid);
    if (other) throw new VmError(`VM name '${g.name}' already exists${other.active ? ` as domain ${other.domid}` : ''}`);
  }

  /**
   * A managed inactive definition with the UUID of a guest that starts from
   * a config becomes its home: the guest replaces it and stays managed.
   * Returns whether there was one.
   */
  private takeHome(g: Guest): boolean {
    const home = this.guests.find((o) => o.managed && !o.active && o.uuid === g.uuid);
    this.checkName(g, home);
    if (home) this.guests.splice(this.guests.indexOf(home), 1);
    return home !== undefined;
  }

  /** op=create: builds the domain paused. xend's SrvDomainDir wraps every failure as "Error creating domain: …". */
  create(config: Sexpr): Guest {
    try {
      const g = new Guest(config);
      this.checkUnique(g);
      g.managed = this.takeHome(g);
      this.guests.push(g);
      this.boot(g, PowerState.PAUSED);
      return g;
    } catch (e) {
      if (e instanceof XendError) throw new XendError(`Error creating domain: ${e.message}`);
      throw e;
    }
  }

  /** op=new: a managed, halted domain; the same UUID updates the stored config. */
  define(config: Sexpr): Guest {
    const g = new Guest(config);
    const sameUuid = this.guests.find((o) => o.uuid === g.uuid);
    if (sameUuid && this.isDom0(sameUuid)) throw new XendError('Cannot redefine privileged domain');
    this.checkName(g, sameUuid);
    g.managed = true;
    if (sameUuid) {
      // A running domain keeps its runtime state; the stored config changes.
      g.domid = sameUuid.domid;
      g.power = sameUuid.power;
      g.startTime = sameUuid.startTime;
      g.cpuTime = sameUuid.cpuTime;
      this.guests[this.guests.indexOf(sameUuid)] = g;
    } else {
      this.guests.push(g);
    }
    return g;
  }

  private boot(g: Guest, power: PowerState): void {
    g.domid = this.nextDomid++;
    g.power = power;
    g.startTime = this.now();
    g.cpuTime = 0;
  }

  /** The domain is gone from the hypervisor: managed ones stay halted, others vanish. */
  private halt(g: Guest): void {
    g.domid = undefined;
    g.power = PowerState.HALTED;
    if (!g.managed) this.guests.splice(this.guests.indexOf(g), 1);
  }

  start(g: Guest): void {
    if (g.power !== PowerState.HALTED) throw new VMBadState('Domain is already running');
    this.checkUnique(g);
    this.boot(g, PowerState.RUNNING);
  }

  /** `key` is the domain as the request named it; xend's messages quote it. */
  pause(g: Guest, key: string): void {
    if (this.isDom0(g)) throw new XendError(`Cannot pause privileged domain ${key}`);
    if (!g.active) throw new VMBadState(`Domain '${key}' is not started`);
    g.power = PowerState.PAUSED;
  }

  unpause(g: Guest, key: string): void {
    if (this.isDom0(g)) throw new XendError(`Cannot unpause privileged domain ${key}`);
    if (!g.active) throw new VMBadState(`Domain '${key}' is not started`);
    g.power = PowerState.RUNNING;
  }

  /** XendDomain.domain_destroy checks nothing but Domain-0: a halted domain stays as it is. */
  destroy(g: Guest, key: string): void {
    if (this.isDom0(g)) throw new XendError(`Cannot destroy privileged domain ${key}`);
    if (g.active) this.halt(g);
  }

  /** Xen acts on the guest's request at once here: poweroff/halt stop it, reboot restarts it. */
  shutdown(g: Guest, reason: string): void {
    if (!SHUTDOWN_REASONS.includes(reason)) throw new XendError(`Invalid reason: ${reason}`);
    if (this.isDom0(g)) throw new XendError('Domain 0 cannot be shutdown');
    if (!g.active || g.power === PowerState.SHUTTINGDOWN) throw new XendError('Domain cannot be shutdown');
    const action = reason === 'reboot' ? g.onReboot : reason === 'crash' ? g.onCrash : g.onPoweroff;
    if (action === 'restart' || action === 'rename-restart' || action === 'coredump-restart') {
      g.startTime = this.now();
      g.power = PowerState.RUNNING;
    } else if (action === 'preserve') {
      g.power = reason === 'crash' ? PowerState.CRASHED : PowerState.SHUTTINGDOWN;
    } else {
      this.halt(g);
    }
  }

  delete(g: Guest, key: string): void {
    if (this.isDom0(g)) throw new XendError(`Cannot delete privileged domain ${key}`);
    if (g.power !== PowerState.HALTED) throw new VMBadState('Domain is not halted.');
    this.guests.splice(this.guests.indexOf(g), 1);
  }

  setMemoryTarget(g: Guest, mib: number): void {
    if (mib <= 0) throw new XendError(`Invalid memory target: ${mib}`);
    if (mib > g.maxmem) throw new XendError(`Cannot set memory target ${mib} MiB above maxmem ${g.maxmem} MiB`);
    g.memory = mib;
  }

  setMemoryMaximum(g: Guest, mib: number): void {
    if (mib <= 0) throw new XendError(`Invalid memory maximum: ${mib}`);
    g.maxmem = mib;
    if (g.memory > mib) g.memory = mib;
  }

  setVcpus(g: Guest, n: number): void {
    if (n <= 0) throw new XendError('Zero or less VCPUs is invalid');
    if (n > g.vcpus) {
      if (g.active) throw new XendError('Cannot set vcpus greater than max vcpus on running domain');
      g.vcpus = n;
    }
    g.vcpuAvail = (1n << BigInt(n)) - 1n;
  }

  /** Checks done before a save or a migration; then the domain leaves the hypervisor. */
  checkCanLeave(g: Guest, key: string, what: 'save' | 'migrate'): void {
    if (this.isDom0(g)) throw new XendError(`Cannot ${what} privileged domain ${key}`);
    if (g.power !== PowerState.RUNNING) throw new VMBadState('Domain is not running');
  }

  left(g: Guest): void {
    this.halt(g);
  }

  /**
   * A guest arriving from a save file or a relocation stream, built from the
   * transmitted config; it runs at once. A managed inactive definition with
   * the same UUID becomes its home.
   */
  restore(config: Sexpr, state: { cpuTime?: number }, options: { relocating: boolean }): Guest {
    const g = new Guest(config);
    if (g.nomigrate && options.relocating) throw new XendError('cannot restore non-migratable domain');
    this.checkUnique(g);
    g.managed = this.takeHome(g) || g.changeHomeServer === true;
    this.guests.push(g);
    this.boot(g, PowerState.RUNNING);
    g.cpuTime = state.cpuTime ?? 0;
    return g;
  }
}
