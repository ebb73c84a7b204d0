import { DriverRole } from '../features.js';
import type { DriverConnection } from './contract.js';

/** How a driver names a secret (remote_nonnull_secret): its UUID and usage. */
export interface SecretRef {
  uuid: string;
  /** virSecretUsageType's number (SecretUsageTypeNumber). */
  usageType: number;
  /** The volume path, target or name it is for; empty for usage 'none'. */
  usageId: string;
}

/**
 * Secrets (libvirt's secret driver: virConnectListAllSecrets,
 * virSecretDefineXML, virSecretGetValue, …), named by UUID; a missing one
 * is NO_SECRET. Values are bytes and never part of the XML. Every `flags`
 * is checked. @since 1.3
 */
export interface SecretRole {
  /** ListSecretsFlags; 0 for all. */
  listSecrets(flags: number): Promise<SecretRef[]>;
  secretLookupByUuid(uuid: string): Promise<SecretRef>;
  /** By usage type number and id. */
  secretLookupByUsage(usageType: number, usageId: string): Promise<SecretRef>;
  /** Defines (or redefines) a secret, without a value. SecretDefineFlags. */
  secretDefineXml(xml: string, flags: number): Promise<SecretRef>;
  secretUndefine(secret: SecretRef): Promise<void>;
  /** flags: 0. */
  secretGetXmlDesc(secret: SecretRef, flags: number): Promise<string>;
  /** NO_SECRET "secret 'UUID' does not have a value" without one; OPERATION_DENIED for a private secret. flags: 0. */
  secretGetValue(secret: SecretRef, flags: number): Promise<Uint8Array>;
  /** flags: 0. */
  secretSetValue(secret: SecretRef, value: Uint8Array, flags: number): Promise<void>;
}

/** The methods DriverRole.SECRETS declares. */
export const SECRET_ROLE_METHODS: readonly string[] = [
  'listSecrets', 'secretLookupByUuid', 'secretLookupByUsage', 'secretDefineXml', 'secretUndefine', 'secretGetXmlDesc', 'secretGetValue', 'secretSetValue',
];

export function hasSecretRole(c: DriverConnection): c is DriverConnection & SecretRole {
  return c.features.has(DriverRole.SECRETS);
}

/** virConnectListAllSecretsFlags. */
export const ListSecretsFlags = { EPHEMERAL: 1 << 0, NO_EPHEMERAL: 1 << 1, PRIVATE: 1 << 2, NO_PRIVATE: 1 << 3 } as const;
/** virSecretDefineFlags. */
export const SecretDefineFlags = { VALIDATE: 1 << 0 } as const;
/** virSecretUsageType, by the XML names' order (SECRET_USAGE_TYPES). */
export enum SecretUsageTypeNumber { NONE = 0, VOLUME = 1, CEPH = 2, ISCSI = 3, TLS = 4, VTPM = 5 }
