import type { Duplex } from 'node:stream';
import type { Domain } from './domain.js';
import { ErrorCode, ErrorDomain, VirtError } from './errors.js';
import { hasConsoleRole, hasScreenshotRole, hasSendKeyRole } from './driver/domain-streams.js';
import { isKeycodeSet, SEND_KEY_MAX_KEYS } from './keycode/keycode.js';

/**
 * libvirt's public-API checks of virDomainOpenConsole, virDomainScreenshot
 * and virDomainSendKey (libvirt-domain.c), before the driver is called;
 * all three refuse a read-only connection.
 */
const invalidArg = (message: string) => new VirtError({ code: ErrorCode.INVALID_ARG, domain: ErrorDomain.DOMAIN, message });

/** A screenshot: the image's bytes and their MIME type ("image/png", "image/x-portable-pixmap"). */
export interface Screenshot {
  mime: string;
  image: Buffer;
}

export const domainStreams = {
  async openConsole(d: Domain, devName: string | undefined, flags: number): Promise<Duplex> {
    const c = d.connection.writable();
    if (!hasConsoleRole(c)) throw d.connection.noSupport('virDomainOpenConsole');
    return c.openConsole(d.driverRef, devName, flags);
  },

  async screenshot(d: Domain, screen: number, flags: number): Promise<Screenshot> {
    const c = d.connection.writable();
    if (!hasScreenshotRole(c)) throw d.connection.noSupport('virDomainScreenshot');
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
    if (!hasSendKeyRole(c)) throw d.connection.noSupport('virDomainSendKey');
    return c.sendKey(d.driverRef, codeset, holdtime, keycodes, flags);
  },
};
