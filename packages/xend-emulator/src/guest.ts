import { randomUUID } from 'node:crypto';
import { isUuid, normalizeUuid } from '@virtkit/core';
import { childList, childLists, parseCInteger, popcount, sexprValue, type Sexpr } from '@virtkit/driver-xen/sexpr';
import { VmError, XendError } from './xend-errors.js';

/** XEN-API power states, the index is xend's `(status N)`. */
export enum PowerState { HALTED = 0, PAUSED = 1, RUNNING = 2, SUSPENDED = 3, SHUTTINGDOWN = 4, CRASHED = 5, UNKNOWN = 6 }

/** Lower-case names `?state=` filters on (POWER_STATE_NAMES). */
export const POWER_STATE_NAMES = ['halted', 'paused', 'running', 'suspended', 'halted', 'crashed', 'unknown'];

const ACTIONS = ['destroy', 'restart', 'preserve', 'rename-restart', 'coredump-destroy', 'coredump-restart'];

function intValue(list: Sexpr[], key: string, fallback: number): number {
  const v = sexprValue(list, key);
  if (v === undefined) return fallback;
  const n = parseCInteger(v);
  if (n === undefined) throw new XendError(`Invalid configuration: ${key} '${v}' is not an integer`);
  return n;
}

/**
 * One guest: its configuration (XendConfig) and runtime state. The
 * configuration is kept as the fields xend stores; `toSxpr` rebuilds the
 * `(domain …)` description the way XendConfig.to_sxp orders it.
 */
export class Guest {
  name: string;
  uuid: string;
  memory: number;
  maxmem: number;
  vcpus: number;
  vcpuAvail: bigint;
  cpus?: string;
  description?: string;
  bootloader?: string;
  bootloaderArgs?: string;
  onPoweroff: string;
  onReboot: string;
  onCrash: string;
  localtime?: string;
  image?: Sexpr[];
  devices: Sexpr[][];
  nomigrate: boolean;
  /** A managed (persistent) domain survives shutdown; others vanish when halted. */
  managed = false;
  power = PowerState.HALTED;
  domid?: number;
  startTime = 0;
  cpuTime = 0;
  /** Kept after a migration request, as xend does. */
  changeHomeServer?: boolean;

  constructor(config: Sexpr) {
    if (!Array.isArray(config)) throw new XendError('Invalid configuration: not a list');
    const c = config;
    const name = sexprValue(c, 'name');
    if (name === undefined || name === '') throw new VmError('Missing VM Name');
    // XendDomainInfo._checkName: letters, digits and _-.:/+ only.
    if (!/^[A-Za-z0-9_\-.:/+]+$/.test(name)) throw new VmError('Invalid VM Name');
    this.name = name;
    const uuid = sexprValue(c, 'uuid') ?? randomUUID();
    if (!isUuid(uuid)) throw new XendError(`Invalid configuration: malformed uuid '${uuid.toLowerCase()}'`);
    this.uuid = normalizeUuid(uuid);
    this.memory = intValue(c, 'memory', 128);
    this.maxmem = Math.max(intValue(c, 'maxmem', this.memory), this.memory);
    this.vcpus = intValue(c, 'vcpus', 1);
    if (this.vcpus < 1) throw new XendError('Invalid configuration: vcpus must be at least 1');
    const avail = sexprValue(c, 'vcpu_avail');
    this.vcpuAvail = avail === undefined ? (1n << BigInt(this.vcpus)) - 1n : BigInt(parseCInteger(avail) ?? 0);
    this.cpus = sexprValue(c, 'cpus');
    this.description = sexprValue(c, 'description');
    const bl = childList(c, 'bootloader');
    if (bl) this.bootloader = typeof bl[1] === 'string' ? bl[1] : '';
    this.bootloaderArgs = sexprValue(c, 'bootloader_args');
    this.onPoweroff = this.action(c, 'on_poweroff', 'destroy');
    this.onReboot = this.action(c, 'on_reboot', 'restart');
    this.onCrash = this.action(c, 'on_crash', 'restart');
    this.localtime = sexprValue(c, 'localtime');
    this.image = childList(c, 'image');
    this.devices = childLists(c, 'device').map((d) => d[1]).filter((d): d is Sexpr[] => Array.isArray(d)).map((d) => this.withDeviceDefaults(d));
    this.nomigrate = sexprValue(c, 'nomigrate') === '1';
    const chs = sexprValue(c, 'change_home_server');
    if (chs !== undefined) this.changeHomeServer = chs === 'True';
  }

  private action(c: Sexpr[], key: string, fallback: string): string {
    const v = sexprValue(c, key) ?? fallback;
    if (!ACTIONS.includes(v)) throw new XendError(`Invalid configuration: invalid ${key} '${v}'`);
    return v;
  }

  /** xend adds a backend and a uuid to each device; block devices also say whether they boot. */
  private withDeviceDefaults(d: Sexpr[]): Sexpr[] {
    const out = [...d];
    if (!childList(out, 'backend')) out.push(['backend', '0']);
    if (!childList(out, 'uuid')) out.push(['uuid', randomUUID()]);
    return out;
  }

  get active(): boolean {
    return this.domid !== undefined;
  }

  /** xend's six-letter state string: running, blocked, paused, shutdown, crashed, dying. */
  stateString(): string {
    switch (this.power) {
      case PowerState.PAUSED: return '--p---';
      case PowerState.SHUTTINGDOWN: return '---s--';
      case PowerState.CRASHED: return '----c-';
      default: return 'r-----';
    }
  }

  /** The `(domain …)` description of GET /xend/domain/<x> (XendConfig.to_sxp). */
  toSxpr(extra: Sexpr[][] = []): Sexpr[] {
    const s = (k: string, v: string | number | bigint): Sexpr[] => [k, String(v)];
    const out: Sexpr[] = ['domain'];
    if (this.active) out.push(s('domid', this.domid!));
    out.push(s('cpu_weight', 256), s('cpu_cap', 0), s('uuid', this.uuid), s('vcpus', this.vcpus));
    if (this.cpus !== undefined) out.push(s('cpus', this.cpus));
    out.push(s('name', this.name), s('on_poweroff', this.onPoweroff), s('on_reboot', this.onReboot), s('on_crash', this.onCrash));
    if (this.bootloader !== undefined) out.push(this.bootloader === '' ? ['bootloader'] : s('bootloader', this.bootloader));
    if (this.bootloaderArgs !== undefined) out.push(s('bootloader_args', this.bootloaderArgs));
    if (this.description !== undefined) out.push(s('description', this.description));
    out.push(s('maxmem', this.maxmem), s('memory', this.memory), s('shadow_memory', 0), s('vcpu_avail', this.vcpuAvail), ['features']);
    out.push(s('on_xend_start', 'ignore'), s('on_xend_stop', 'ignore'));
    if (this.localtime !== undefined) out.push(s('localtime', this.localtime));
    out.push(...extra);
    if (this.active) {
      out.push(s('start_time', this.startTime.toFixed(2)), s('cpu_time', this.cpuTime.toFixed(9)), s('online_vcpus', popcount(this.vcpuAvail)));
    }
    if (this.image) out.push(this.image);
    out.push(s('status', this.power));
    if (this.active) out.push(s('state', this.stateString()), s('store_mfn', 1000 + this.domid!), s('console_mfn', 2000 + this.domid!));
    // Block devices also say whether they boot (the first one does) and name their VDI.
    let firstBlock = true;
    for (const d of this.devices) {
      if (d[0] === 'vbd' || d[0] === 'tap' || d[0] === 'tap2') {
        out.push(['device', [...d, ...(childList(d, 'bootable') ? [] : [s('bootable', firstBlock ? 1 : 0)]), ['VDI', '']]]);
        firstBlock = false;
      } else {
        out.push(['device', d]);
      }
    }
    if (this.changeHomeServer !== undefined) out.push(s('change_home_server', this.changeHomeServer ? 'True' : 'False'));
    return out;
  }
}
