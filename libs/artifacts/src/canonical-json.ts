import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

const stringify = configure({ deterministic: true, bigint: false, circularValue: Error });

/** JSON with sorted keys, two-space indent and a final newline: the same input always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  const text = stringify(value, null, 2);
  if (text === undefined) throw new Error('cannot serialise undefined');
  return `${text}\n`;
}

/** `sha256:<hex>` of a file's content, as recorded in the manifest. */
export function contentHash(content: string): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}
