import type { IHeaders } from 'kafkajs';

/** Header values as bytes; kafkajs gives a list when a name repeats, and the last one wins. */
export function headerBytes(headers: IHeaders | undefined): Record<string, Buffer> {
  const result: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) result[name] = Buffer.isBuffer(last) ? last : Buffer.from(last);
  }
  return result;
}
