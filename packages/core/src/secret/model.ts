import type { XmlExtras } from '../xml/reader.js';

/**
 * The typed model of libvirt's secret XML (formatsecret: `<secret>`): a
 * secret's identity and what uses it; the value itself never appears in
 * the XML. `extras` keeps what the model does not know.
 */
export interface SecretDef {
  /** Lower-case 8-4-4-4-12; generated when the XML has none. */
  uuid: string;
  /** ephemeral='yes': kept in memory only. */
  ephemeral?: boolean;
  /** private='yes': the value cannot be read back. */
  private?: boolean;
  description?: string;
  usage?: SecretUsageDef;
  extras?: XmlExtras;
}

/** virSecretUsageType's names. */
export type SecretUsageType = 'none' | 'volume' | 'ceph' | 'iscsi' | 'tls' | 'vtpm';
export const SECRET_USAGE_TYPES: readonly SecretUsageType[] = ['none', 'volume', 'ceph', 'iscsi', 'tls', 'vtpm'];

/** The element naming what the secret is for: <volume> for volume, <target> for iscsi, <name> otherwise. */
export const SECRET_USAGE_ELEMENT: Readonly<Record<SecretUsageType, string | undefined>> = {
  none: undefined, volume: 'volume', ceph: 'name', iscsi: 'target', tls: 'name', vtpm: 'name',
};

export interface SecretUsageDef {
  type: SecretUsageType;
  /** The volume path, iSCSI target or name (virSecretGetUsageID). */
  id?: string;
  extras?: XmlExtras;
}
