import { createHash, randomUUID } from 'node:crypto';

/** A new opaque id with the given prefix: 32 random hex digits, the shape `@oioo/contracts` accepts (S3). */
export function newOpaqueId(prefix: 'mov' | 'bkg' | 'trv'): string {
  return `${prefix}_${randomUUID().replace(/-/g, '')}`;
}

/**
 * A UUID derived from a name (RFC 9562 version 8), so an event sent again for the same fact carries the
 * same event id and consumers can drop the copy.
 */
export function deterministicUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const digits = hex.join('');
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
}

/** SHA-256 of a text, in hex. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
