/**
 * Opaque identifiers: a short lowercase prefix naming the kind of thing, an underscore and 10–40
 * letters or digits (a ULID or UUID without dashes fits). The strict shape is deliberate (S3): it
 * keeps names, dates of birth and free text out of workflow IDs, topic keys and search attributes.
 */
export const OPAQUE_ID = /^[a-z]{2,8}_[0-9A-Za-z]{10,40}$/;

/** True when the value has the shape of an opaque id (used where a schema would be too heavy, and in workflow code). */
export function isOpaqueId(value: string): boolean {
  return OPAQUE_ID.test(value);
}
