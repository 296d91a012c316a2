import { createHash } from 'node:crypto';

/**
 * Namespace of the platform's name-based event ids: a fixed random UUID, so they never collide with
 * version-5 UUIDs other systems derive from the same names. Never change it: ids already published would
 * no longer match their retries.
 */
export const OIOO_EVENT_ID_NAMESPACE = '5f0c2f7e-8a3d-4b1e-9c6a-2d7e41b09a53';

/**
 * A version-5 UUID (RFC 9562, SHA-1 name-based) of `name` in `namespace`: the same inputs always give the
 * same UUID, so an event published again after a retry carries the id consumers already deduplicate on.
 */
export function nameBasedUuid(name: string, namespace: string = OIOO_EVENT_ID_NAMESPACE): string {
  const namespaceHex = namespace.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(namespaceHex)) throw new Error(`the namespace must be a UUID, not ${namespace}`);
  const bytes = createHash('sha1').update(Buffer.from(namespaceHex, 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
