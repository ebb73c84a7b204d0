import { ErrorCode, type ErrorReporter } from '../errors.js';

/**
 * What a change with AFFECT_LIVE (1) / AFFECT_CONFIG (2) flags touches, as
 * libvirt's virDomainObjUpdateModificationImpact and its network twin: with
 * neither (AFFECT_CURRENT), the live object when it runs and the
 * definition otherwise. Refuses a live change to a stopped object and a
 * config change to a transient one, in libvirt's words for `what`.
 */
export function modificationImpact(flags: number, active: boolean, persistent: boolean, what: 'domain' | 'network', fail: ErrorReporter): { live: boolean; config: boolean } {
  let live = (flags & 1) !== 0;
  let config = (flags & 2) !== 0;
  if (!live && !config) {
    live = active;
    config = !active;
  }
  if (live && !active) throw fail(ErrorCode.OPERATION_INVALID, `${what} is not running`);
  if (config && !persistent) {
    throw fail(ErrorCode.OPERATION_INVALID, what === 'domain' ? 'transient domains do not have any persistent config' : 'cannot change persistent config of a transient network');
  }
  return { live, config };
}
