import type { Duplex } from 'node:stream';
import type { Domain } from './domain.js';
import { ErrorCode, ErrorDomain, VirtError, errorReporter } from './errors.js';
import { hasConsoleRole, hasScreenshotRole, hasSendKeyRole } from './driver/domain-streams.js';
import { isKeycodeSet, SEND_KEY_MAX_KEYS } from './keycode/keycode.js';

/**
 * libvirt's public-API checks of virDomainOpenConsole, virDomainScreenshot
 * and virDomainSendKey (libvirt-domain.c), before the driver is called;
 * all three refuse a read-only connection.
 */
/** NO_SUPPORT naming libvirt's function, from the DOMAIN error domain, as virsh prints it for a driver without the call. */
const noSupport = (api: string) => errorReporter(ErrorDomain.DOMAIN)(ErrorCode.NO_SUPPORT, api);
const invalidArg = (message: string) => new VirtError({ code: ErrorCode.INVALID_ARG, domain: ErrorDomain.DOMAIN, message });

/** A screenshot: the image's bytes and their MIME type ("image/png", "image/x-portable-pixmap"). */
export interface Screenshot {
  mime: string;
  image: Buffer;
}

export const domainStreams = {
  async openConsole(d: Domain, devName: string | undefined, flags: number): Promise<Duplex> {
    const c = d.connection.writable();
    if (!hasConsoleRole(c)) throw noSupport('virDomainOpenConsole');
    return c.openConsole(d.driverRef, devName, flags);
  },

  async screenshot(d: Domain, screen: number, flags: number): Promise<Screenshot> {
    const c = d.connection.writable();
    if (!hasScreenshotRole(c)) throw noSupport('virDomainScreenshot');
    const { mime, data } = await c.screenshot(d.driverRef, screen, flags);
    const parts: Uint8Array[] = [];
    for await (const chunk of data) parts.push(chunk);
    return { mime, image: Buffer.concat(parts) };
  },

  async sendKey(d: Domain, codeset: number, holdtime: number, keycodes: readonly number[], flags: number): Promise<void> {
    const c = d.connection.writable();
    if (keycodes.length === 0) throw invalidArg('nkeycodes in virDomainSendKey must be greater than zero');
    if (!isKeycodeSet(codeset)) throw invalidArg(`Unsupported codeset '${codeset}'`);
    if (keycodes.length > SEND_KEY_MAX_KEYS) throw invalidArg(`nkeycodes must be <= ${SEND_KEY_MAX_KEYS}`);
    if (!hasSendKeyRole(c)) throw noSupport('virDomainSendKey');
    return c.sendKey(d.driverRef, codeset, holdtime, keycodes, flags);
  },
};
