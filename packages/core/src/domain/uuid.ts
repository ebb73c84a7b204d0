import { randomUUID } from 'node:crypto';
import { ErrorCode, ErrorDomain, VirtError, errorReporter } from '../errors.js';

const fail = errorReporter(ErrorDomain.DOMAIN);

/**
 * libvirt's UUID syntax: 32 hex digits, optionally grouped with dashes (and
 * surrounding spaces); formatted as lower-case 8-4-4-4-12.
 */
export function normalizeUuid(text: string): string {
  const hex = text.trim().replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) {
    throw fail(ErrorCode.INVALID_ARG, `malformed uuid '${text}'`);
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function generateUuid(): string {
  return randomUUID();
}

export function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(text.trim());
}
