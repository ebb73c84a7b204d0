import { ErrorCode } from '@virtkit/core';
import { rpcFail } from '../errors.js';

/**
 * The answer of an older list call (virConnectListInterfaces,
 * virDomainSnapshotListNames, virConnectListDomains' ids, …): at most `maxnames` entries; a `maxnames`
 * outside 0..max is the RPC error libvirtd raises before calling the driver.
 */
export function firstNames<T>(names: readonly T[], maxnames: number, max: number, field = 'maxnames'): T[] {
  if (maxnames < 0 || maxnames > max) throw rpcFail(ErrorCode.RPC, `${field} ${maxnames} is out of range (0..${max})`);
  return names.slice(0, maxnames);
}
