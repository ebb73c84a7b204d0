import { formatDomainXml } from '@virtkit/core';
import { formatSexpr, parseSexpr } from '../sexpr/index.js';
import { domainFromSexpr } from './domain-from-sexpr.js';
import { domainToSexpr } from './domain-to-sexpr.js';
import { parseXenDomainXml } from './xen-domain-xml.js';

/** libvirt's name for this native format (virsh domxml-to-native xen-sxpr). */
export const XEN_SXPR_FORMAT = 'xen-sxpr';

/** Domain XML → the xend config S-expression, printed as xend prints. */
export function domxmlToNative(xml: string): string {
  return formatSexpr(domainToSexpr(parseXenDomainXml(xml)));
}

/** An xend S-expression (a `(domain …)` description or a `(vm …)` config) → domain XML. */
export function domxmlFromNative(sexpr: string): string {
  return formatDomainXml(domainFromSexpr(parseSexpr(sexpr)));
}
