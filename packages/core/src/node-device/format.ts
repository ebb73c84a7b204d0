import { buildElement } from '../xml/reader.js';
import { type XmlElement, formatXmlElement, textElement } from '../xml/tree.js';
import type { NodeDeviceCapDef, NodeDeviceDef } from './model.js';

/** Formats the model as virNodeDeviceDefFormat does; unknown content put back where it was. */
export function formatNodeDeviceXml(def: NodeDeviceDef): string {
  return formatXmlElement(nodeDeviceToElement(def));
}

export function nodeDeviceToElement(def: NodeDeviceDef): XmlElement {
  return buildElement('device', {}, [
    def.name !== undefined && textElement('name', def.name),
    def.path !== undefined && textElement('path', def.path),
    def.parent !== undefined && textElement('parent', def.parent),
    ...def.caps.map(capElement),
  ], def.extras);
}

function capElement(cap: NodeDeviceCapDef): XmlElement {
  const s = cap.scsiHost;
  const num = (name: string, v: number | undefined) => v !== undefined && textElement(name, String(v));
  const text = (name: string, v: string | undefined) => v !== undefined && textElement(name, v);
  return buildElement('capability', { type: cap.type }, s ? [
    num('host', s.host),
    num('unique_id', s.uniqueId),
    s.fcHost && buildElement('capability', { type: 'fc_host' }, [text('wwnn', s.fcHost.wwnn), text('wwpn', s.fcHost.wwpn), text('fabric_wwn', s.fcHost.fabricWwn)], s.fcHost.extras),
    s.vportOps && buildElement('capability', { type: 'vport_ops' }, [num('max_vports', s.vportOps.maxVports), num('vports', s.vportOps.vports)], s.vportOps.extras),
  ] : [], cap.extras);
}

