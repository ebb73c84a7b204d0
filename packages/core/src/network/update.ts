import { ErrorCode, ErrorDomain, errorReporter } from '../errors.js';
import { NetworkUpdateCommand, NetworkUpdateFlags, NetworkUpdateSection, allFlags, checkFlags } from '../flags.js';
import { ElementReader } from '../xml/reader.js';
import { formatXmlElement } from '../xml/tree.js';
import { parseXmlDocument } from '../xml/parse-document.js';
import { subnetContains, subnetOf } from './address.js';
import { cloneNetworkDef, dhcpHostElement } from './format.js';
import type { NetworkDef } from './model.js';
import { parseDhcpHost } from './parse.js';
import { modificationImpact } from '../hypervisor/modification-impact.js';

const netFail = errorReporter(ErrorDomain.NETWORK);

/**
 * virNetworkUpdate's IP_DHCP_HOST section on a definition (pure), with
 * libvirt's messages; returns a changed copy. `parentIndex` -1 picks the
 * <ip> whose subnet holds the host's address. One change: add first or
 * last, modify (by MAC, id or name) or delete a <host>.
 */
export function updateDhcpHost(input: NetworkDef, command: number, parentIndex: number, xml: string): NetworkDef {
  const def = cloneNetworkDef(input);
  const el = parseXmlDocument(xml);
  if (el.name !== 'host') throw netFail(ErrorCode.XML_ERROR, `the ip-dhcp-host section takes a <host> element, not <${el.name}>`);
  const candidates = parentIndex >= 0 ? [def.ips[parentIndex]].filter(Boolean) : def.ips;
  const probe = new ElementReader(el, 'host').attr('ip');
  const ip = candidates.find((c) => probe !== undefined && subnetContains(subnetOf(c), probe));
  if (!ip) throw netFail(ErrorCode.OPERATION_INVALID, `couldn't locate a matching <ip> element for the host in network '${def.name}'`);
  const host = parseDhcpHost(new ElementReader(el, 'host'), ip);
  ip.dhcp ??= { ranges: [], hosts: [] };
  const hosts = ip.dhcp.hosts;
  const same = (h: typeof host) => (host.mac !== undefined && h.mac === host.mac) || (host.id !== undefined && h.id === host.id) || (host.mac === undefined && host.id === undefined && host.name !== undefined && h.name === host.name);
  const at = hosts.findIndex(same);
  const shown = formatXmlElement(dhcpHostElement(host)).trim();
  switch (command) {
    case NetworkUpdateCommand.ADD_FIRST:
    case NetworkUpdateCommand.ADD_LAST: {
      if (at >= 0 || hosts.some((h) => h.ip === host.ip)) throw netFail(ErrorCode.OPERATION_INVALID, `there is an existing dhcp host entry in network '${def.name}' that matches "${shown}"`);
      if (command === NetworkUpdateCommand.ADD_FIRST) hosts.unshift(host); else hosts.push(host);
      break;
    }
    case NetworkUpdateCommand.MODIFY:
      if (at < 0) throw netFail(ErrorCode.OPERATION_INVALID, `couldn't locate an existing dhcp host entry with "${shown}" in network '${def.name}'`);
      hosts[at] = host;
      break;
    case NetworkUpdateCommand.DELETE:
      if (at < 0) throw netFail(ErrorCode.OPERATION_INVALID, `couldn't locate a matching dhcp host entry in network '${def.name}'`);
      hosts.splice(at, 1);
      break;
    default:
      throw netFail(ErrorCode.INVALID_ARG, `unrecognized network update command code ${command}`);
  }
  return def;
}

/**
 * What a virNetworkUpdate changes, from its flags (checked): AFFECT_LIVE,
 * AFFECT_CONFIG, or with neither (AFFECT_CURRENT) the live network when it
 * runs and the definition otherwise. Refuses live changes to a stopped
 * network and config changes to a transient one, as libvirt does.
 */
export function networkUpdateTargets(flags: number, active: boolean, persistent: boolean): { live: boolean; config: boolean } {
  checkFlags(flags, allFlags(NetworkUpdateFlags), 'virNetworkUpdate');
  return modificationImpact(flags, active, persistent, 'network', netFail);
}

/** One virNetworkUpdate change on a definition (pure). Sections other than IP_DHCP_HOST are OPERATION_UNSUPPORTED. */
export function applyNetworkUpdate(def: NetworkDef, command: number, section: number, parentIndex: number, xml: string): NetworkDef {
  if (section !== NetworkUpdateSection.IP_DHCP_HOST) throw netFail(ErrorCode.OPERATION_UNSUPPORTED, `can't update network section ${section}: only ip-dhcp-host is supported`);
  return updateDhcpHost(def, command, parentIndex, xml);
}
