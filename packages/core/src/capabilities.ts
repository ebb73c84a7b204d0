import { element, formatXmlElement, textElement, type XmlElement } from './xml/tree.js';

/**
 * The model of libvirt's capabilities document (virConnectGetCapabilities):
 * what the host is and which guests it runs. Drivers fill it; the format is
 * written once, here.
 */
export interface CapabilitiesDef {
  host: {
    uuid?: string;
    arch: string;
    /** Host CPU feature flags, e.g. pae. */
    cpuFeatures?: string[];
    /** Live migration support and the URI transports it accepts (tcp, xenmigr, …). */
    migrationTransports?: string[];
    /** NUMA cells with their memory and CPUs. */
    cells?: Array<{ id: number; memoryKiB: number; cpus: Array<{ id: number; socketId: number; coreId: number; siblings: string }> }>;
  };
  guests: CapabilitiesGuest[];
}

export interface CapabilitiesGuest {
  /** hvm, xen, linux, … */
  osType: string;
  arch: string;
  wordsize: number;
  emulator?: string;
  loader?: string;
  /** Machine types; an alias names its canonical type. */
  machines?: Array<{ name: string; canonical?: string }>;
  /** <domain type=…/> entries: qemu, kvm, xen, test. */
  domainTypes: string[];
  features?: string[];
}

const features = (names: string[] | undefined) => (names?.length ? element('features', {}, names.map((f) => element(f))) : undefined);

function hostElement(h: CapabilitiesDef['host']): XmlElement {
  const children: Array<XmlElement | undefined> = [
    h.uuid !== undefined ? textElement('uuid', h.uuid) : undefined,
    element('cpu', {}, [textElement('arch', h.arch), features(h.cpuFeatures)].filter((c): c is XmlElement => !!c)),
    h.migrationTransports && element('migration_features', {}, [element('live'), element('uri_transports', {}, h.migrationTransports.map((t) => textElement('uri_transport', t)))]),
    h.cells && element('topology', {}, [element('cells', { num: h.cells.length }, h.cells.map((c) => element('cell', { id: c.id }, [
      textElement('memory', String(c.memoryKiB), { unit: 'KiB' }),
      element('cpus', { num: c.cpus.length }, c.cpus.map((cpu) => element('cpu', { id: cpu.id, socket_id: cpu.socketId, core_id: cpu.coreId, siblings: cpu.siblings }))),
    ])))]),
  ];
  return element('host', {}, children.filter((c): c is XmlElement => !!c));
}

function guestElement(g: CapabilitiesGuest): XmlElement {
  const arch: Array<XmlElement | undefined> = [
    textElement('wordsize', String(g.wordsize)),
    g.emulator !== undefined ? textElement('emulator', g.emulator) : undefined,
    g.loader !== undefined ? textElement('loader', g.loader) : undefined,
    ...(g.machines ?? []).map((m) => textElement('machine', m.name, { canonical: m.canonical })),
    ...g.domainTypes.map((t) => element('domain', { type: t })),
  ];
  return element('guest', {}, [
    textElement('os_type', g.osType),
    element('arch', { name: g.arch }, arch.filter((c): c is XmlElement => !!c)),
    features(g.features),
  ].filter((c): c is XmlElement => !!c));
}

export function formatCapabilitiesXml(caps: CapabilitiesDef): string {
  return formatXmlElement(element('capabilities', {}, [hostElement(caps.host), ...caps.guests.map(guestElement)]));
}
