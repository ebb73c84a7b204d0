import type { Connection } from './connection.js';
import { hasSecretRole, ListSecretsFlags, SecretDefineFlags, type SecretRef } from './driver/secret.js';
import { ErrorCode, ErrorDomain, errorReporter } from './errors.js';
import { allFlags, checkFlags } from './flags.js';

const fail = errorReporter(ErrorDomain.NONE);

/** The secret role; NO_SUPPORT naming libvirt's function (as virsh prints it) for drivers without one. */
function secrets(conn: Connection, fn: string, write = false) {
  const c = write ? conn.writable() : conn.live();
  if (!hasSecretRole(c)) throw fail(ErrorCode.NO_SUPPORT, fn);
  return c;
}

/**
 * A handle on one secret (virSecretPtr), holding its UUID and usage. The
 * static members are the connection's calls (list, lookups, define).
 */
export class Secret {
  constructor(readonly connection: Connection, private readonly ref: SecretRef) {}

  get uuid(): string { return this.ref.uuid; }
  /** SecretUsageTypeNumber. */
  get usageType(): number { return this.ref.usageType; }
  get usageId(): string { return this.ref.usageId; }
  /** @internal */
  get driverRef(): SecretRef { return this.ref; }

  /** virConnectListAllSecrets. ListSecretsFlags. Sorted by UUID. */
  static async listAll(conn: Connection, flags = 0): Promise<Secret[]> {
    checkFlags(flags, allFlags(ListSecretsFlags), 'virConnectListAllSecrets');
    const refs = await secrets(conn, 'virConnectListAllSecrets').listSecrets(flags);
    return refs.sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0)).map((r) => new Secret(conn, r));
  }
  static async lookupByUuid(conn: Connection, uuid: string): Promise<Secret> { return new Secret(conn, await secrets(conn, 'virSecretLookupByUUID').secretLookupByUuid(uuid)); }
  static async lookupByUsage(conn: Connection, usageType: number, usageId: string): Promise<Secret> {
    return new Secret(conn, await secrets(conn, 'virSecretLookupByUsage').secretLookupByUsage(usageType, usageId));
  }
  /** virSecretDefineXML. SecretDefineFlags. */
  static async define(conn: Connection, xml: string, flags = 0): Promise<Secret> {
    checkFlags(flags, allFlags(SecretDefineFlags), 'virSecretDefineXML');
    return new Secret(conn, await secrets(conn, 'virSecretDefineXML', true).secretDefineXml(xml, flags));
  }

  async undefine(): Promise<void> { return secrets(this.connection, 'virSecretUndefine', true).secretUndefine(this.ref); }
  async getXmlDesc(flags = 0): Promise<string> { return secrets(this.connection, 'virSecretGetXMLDesc').secretGetXmlDesc(this.ref, flags); }
  /** The value's bytes; reading it needs a writable connection, as libvirt's ACL does. */
  async getValue(flags = 0): Promise<Uint8Array> { return secrets(this.connection, 'virSecretGetValue', true).secretGetValue(this.ref, flags); }
  async setValue(value: Uint8Array, flags = 0): Promise<void> { return secrets(this.connection, 'virSecretSetValue', true).secretSetValue(this.ref, value, flags); }
}
