import { buildElement } from '../xml/reader.js';
import { formatXmlElement, textElement, type XmlElement } from '../xml/tree.js';
import { SECRET_USAGE_ELEMENT, type SecretDef } from './model.js';

const yesNo = (b: boolean | undefined) => (b ? 'yes' : 'no');

/** Formats the model as virSecretDefFormat does: ephemeral and private always written. */
export function formatSecretXml(def: SecretDef): string {
  return formatXmlElement(secretToElement(def));
}

export function secretToElement(def: SecretDef): XmlElement {
  const u = def.usage;
  const tag = u ? SECRET_USAGE_ELEMENT[u.type] : undefined;
  return buildElement('secret', { ephemeral: yesNo(def.ephemeral), private: yesNo(def.private) }, [
    textElement('uuid', def.uuid),
    def.description !== undefined && textElement('description', def.description),
    u && buildElement('usage', { type: u.type }, [tag !== undefined && u.id !== undefined && textElement(tag, u.id)], u.extras),
  ], def.extras);
}
