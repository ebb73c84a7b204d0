import { type XmlLimits, DEFAULT_XML_LIMITS, parseXmlDocument } from '../xml/parse-document.js';
import type { XmlElement } from '../xml/tree.js';
import { ElementReader, parseIntStrict, xmlDetailError } from '../xml/reader.js';
import type { NodeDeviceCapDef, NodeDeviceDef, ScsiHostCapDef } from './model.js';

/** Parses `<device>` XML into the typed model. XML_ERROR naming the element. */
export function parseNodeDeviceXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): NodeDeviceDef {
  return nodeDeviceFromElement(parseXmlDocument(xml, limits));
}

export function nodeDeviceFromElement(root: XmlElement): NodeDeviceDef {
  if (root.name !== 'device') throw xmlDetailError(root.name, 'the root element must be <device>');
  const r = new ElementReader(root, 'device');
  const def: NodeDeviceDef = { caps: [] };
  const name = r.childText('name');
  if (name !== undefined) def.name = name;
  const path = r.childText('path');
  if (path !== undefined) def.path = path;
  const parent = r.childText('parent');
  if (parent !== undefined) def.parent = parent;
  def.caps = r.children('capability').map((el, i) => capFromElement(new ElementReader(el, `device/capability[${i + 1}]`)));
  if (def.caps.length === 0) throw xmlDetailError('device', 'no device capabilities');
  const extras = r.extras();
  if (extras) def.extras = extras;
  return def;
}

function capFromElement(r: ElementReader): NodeDeviceCapDef {
  const cap: NodeDeviceCapDef = { type: r.requireAttr('type') };
  if (cap.type === 'scsi_host') cap.scsiHost = scsiHostFromReader(r);
  const extras = r.extras();
  if (extras) cap.extras = extras;
  return cap;
}

const WWN = /^(0x)?[0-9a-f]{16}$/i;

function scsiHostFromReader(r: ElementReader): ScsiHostCapDef {
  const out: ScsiHostCapDef = {};
  const host = r.childText('host');
  if (host !== undefined) out.host = parseIntStrict(host, `${r.path}/host`);
  const uniqueId = r.childText('unique_id');
  if (uniqueId !== undefined) out.uniqueId = parseIntStrict(uniqueId, `${r.path}/unique_id`);
  for (;;) {
    const el = r.peek('capability');
    if (!el) break;
    const sub = new ElementReader(el, `${r.path}/capability`);
    const type = el.attrs.type;
    if (type === 'fc_host' && !out.fcHost) {
      r.child('capability');
      sub.attr('type');
      const fc: NonNullable<ScsiHostCapDef['fcHost']> = {};
      for (const [key, tag] of [['wwnn', 'wwnn'], ['wwpn', 'wwpn'], ['fabricWwn', 'fabric_wwn']] as const) {
        const v = sub.childText(tag);
        if (v === undefined) continue;
        if (!WWN.test(v)) throw xmlDetailError(`${sub.path}/${tag}`, `malformed ${tag} '${v}'`);
        fc[key] = v;
      }
      const extras = sub.extras();
      if (extras) fc.extras = extras;
      out.fcHost = fc;
    } else if (type === 'vport_ops' && !out.vportOps) {
      r.child('capability');
      sub.attr('type');
      const ops: NonNullable<ScsiHostCapDef['vportOps']> = {};
      const max = sub.childText('max_vports');
      if (max !== undefined) ops.maxVports = parseIntStrict(max, `${sub.path}/max_vports`);
      const vports = sub.childText('vports');
      if (vports !== undefined) ops.vports = parseIntStrict(vports, `${sub.path}/vports`);
      const extras = sub.extras();
      if (extras) ops.extras = extras;
      out.vportOps = ops;
    } else {
      break;
    }
  }
  return out;
}
