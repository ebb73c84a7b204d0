import { generateUuid, normalizeUuid } from '../domain/uuid.js';
import { isVirtError } from '../errors.js';
import { type XmlLimits, DEFAULT_XML_LIMITS, parseXmlDocument } from '../xml/parse-document.js';
import type { XmlElement } from '../xml/tree.js';
import { ElementReader, xmlDetailError } from '../xml/reader.js';
import { SECRET_USAGE_ELEMENT, SECRET_USAGE_TYPES, type SecretDef } from './model.js';

/** Parses `<secret>` XML into the typed model, as virSecretDefParseXML. XML_ERROR naming the element. */
export function parseSecretXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): SecretDef {
  return secretFromElement(parseXmlDocument(xml, limits));
}

export function secretFromElement(root: XmlElement): SecretDef {
  if (root.name !== 'secret') throw xmlDetailError(root.name, 'the root element must be <secret>');
  const r = new ElementReader(root, 'secret');
  const uuidText = r.childText('uuid');
  let uuid: string;
  try {
    uuid = uuidText === undefined ? generateUuid() : normalizeUuid(uuidText);
  } catch (e) {
    if (isVirtError(e)) throw xmlDetailError('secret/uuid', `malformed uuid element`);
    throw e;
  }
  const def: SecretDef = { uuid };
  const ephemeral = r.yesNoAttr('ephemeral');
  if (ephemeral !== undefined) def.ephemeral = ephemeral;
  const priv = r.yesNoAttr('private');
  if (priv !== undefined) def.private = priv;
  const description = r.childText('description');
  if (description !== undefined) def.description = description;
  const usage = r.childReader('usage');
  if (usage) {
    const type = usage.enumAttr('type', SECRET_USAGE_TYPES);
    if (type === undefined) throw xmlDetailError(usage.path, 'missing secret usage type');
    def.usage = { type };
    const tag = SECRET_USAGE_ELEMENT[type];
    if (tag !== undefined) {
      const id = usage.childText(tag);
      if (id === undefined || id === '') throw xmlDetailError(usage.path, `${type} usage specified, but ${tag} is missing`);
      def.usage.id = id;
    }
    const extras = usage.extras();
    if (extras) def.usage.extras = extras;
  }
  const extras = r.extras();
  if (extras) def.extras = extras;
  return def;
}
