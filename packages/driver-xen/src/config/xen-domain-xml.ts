import { DOMAIN_XML_LIMITS, domainFromElement, element, parseXmlDocument, textElement, type DomainDef } from '@virtkit/core';

/**
 * Parses domain XML with the one Xen rule core does not know: a guest with a
 * <bootloader> may leave out <os>, and is then a PV (linux) guest.
 */
export function parseXenDomainXml(xml: string): DomainDef {
  const root = parseXmlDocument(xml, DOMAIN_XML_LIMITS);
  const has = (name: string) => root.children.some((c) => c.kind === 'element' && c.name === name);
  if (root.name === 'domain' && !has('os') && has('bootloader')) root.children.push(element('os', {}, [textElement('type', 'linux')]));
  return domainFromElement(root);
}
