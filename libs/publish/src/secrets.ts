import { envRefsIn } from '@o11y/environment';
import type { DesiredResource } from './artifacts.js';

/** Shorter values are not scrubbed from output: they would mangle ordinary words. */
const MIN_SECRET_LENGTH = 4;

/**
 * Scrubs secret and account values (everything an `${env:NAME}` resolved to, tokens, passwords)
 * from any text before it is printed or written, putting the reference back in their place.
 */
export class Redactor {
  private readonly pairs: [string, string][] = [];

  add(value: string | undefined, replacement: string): void {
    if (!value || value.length < MIN_SECRET_LENGTH) return;
    this.pairs.push([value, replacement]);
    // Longest first, so a value containing another is replaced whole.
    this.pairs.sort((a, b) => b[0].length - a[0].length);
    // JSON-escaped forms appear in serialised bodies.
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) this.add(escaped, replacement);
  }

  redact(text: string): string {
    let out = text;
    for (const [value, replacement] of this.pairs) out = out.split(value).join(replacement);
    return out;
  }

  redactValue<T>(value: T): T {
    return JSON.parse(this.redact(JSON.stringify(value))) as T;
  }
}

/** A redactor knowing every environment value the resources reference, plus the given secrets. */
export function redactorFor(
  resources: readonly DesiredResource[],
  env: Readonly<Record<string, string | undefined>>,
  secrets: readonly string[] = [],
): Redactor {
  const r = new Redactor();
  const names = new Set<string>();
  for (const res of resources) for (const n of envRefsIn(res.body)) names.add(n);
  for (const n of names) r.add(env[n], `\${env:${n}}`);
  for (const s of secrets) r.add(s, '***');
  return r;
}
