import type { Duplex } from 'node:stream';
import { DriverRole } from '../features.js';
import type { DriverConnection } from './contract.js';
import type { DomainRef } from './types.js';

/**
 * The domain calls that carry a stream or raw input: the guest's console,
 * a screenshot of its display, keys sent to its keyboard. Each is a role
 * with its own DriverRole number. `dom` identifies a domain by UUID first,
 * then name; every `flags` is checked by the driver (virCheckFlags).
 * @since 1.5
 */

/** virDomainConsoleFlags. */
export const DomainConsoleFlags = {
  /** Take the console from another client that has it open (that client's stream ends). */
  FORCE: 1 << 0,
  /** Fail unless the driver can keep two clients off one console. */
  SAFE: 1 << 1,
} as const;

/** virDomainOpenConsole. */
export interface ConsoleRole {
  /**
   * The guest's console `devName` (a serial or console alias such as
   * "serial0" or "console0"; undefined: the first console, else the first
   * serial port) as a byte stream both ways: what the guest writes comes out
   * of the Duplex, what is written to it goes to the guest. The stream ends
   * when the guest's side closes (the domain stops) or another client takes
   * the console with FORCE; destroying it releases the console. Flags:
   * DomainConsoleFlags. OPERATION_INVALID when the domain is not running,
   * INTERNAL_ERROR when the device cannot be found, OPERATION_FAILED when
   * another client holds it and FORCE is not given.
   */
  openConsole(dom: DomainRef, devName: string | undefined, flags: number): Promise<Duplex>;
}

/** A screenshot's bytes as the driver produces them, and their MIME type. */
export interface ScreenshotStream {
  mime: string;
  data: AsyncIterable<Uint8Array>;
}

/** virDomainScreenshot. */
export interface ScreenshotRole {
  /** The image of display `screen` (0: the first); flags must be 0. */
  screenshot(dom: DomainRef, screen: number, flags: number): Promise<ScreenshotStream>;
}

/** virDomainSendKey. */
export interface SendKeyRole {
  /**
   * Presses `keycodes` of `codeset` (KeycodeSet) together, holds them
   * `holdtime` milliseconds (0: the driver's default), then releases them.
   * Core has checked the codeset and the count (1–16); the driver checks
   * each code against its set.
   */
  sendKey(dom: DomainRef, codeset: number, holdtime: number, keycodes: readonly number[], flags: number): Promise<void>;
}

export const DOMAIN_STREAM_ROLE_METHODS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [DriverRole.CONSOLE, ['openConsole']],
  [DriverRole.SCREENSHOT, ['screenshot']],
  [DriverRole.SEND_KEY, ['sendKey']],
];

export function hasConsoleRole(c: DriverConnection): c is DriverConnection & ConsoleRole { return c.features.has(DriverRole.CONSOLE); }
export function hasScreenshotRole(c: DriverConnection): c is DriverConnection & ScreenshotRole { return c.features.has(DriverRole.SCREENSHOT); }
export function hasSendKeyRole(c: DriverConnection): c is DriverConnection & SendKeyRole { return c.features.has(DriverRole.SEND_KEY); }
