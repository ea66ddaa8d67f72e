import type { Problem } from '@o11y/environment';

/** What compiling one kind of alerting resource gives: provisioning-API bodies and every problem found. */
export interface Compiled<R> {
  readonly resources: R[];
  readonly problems: Problem[];
}

/** Problems of one field of one resource, before the file is known. */
export type FieldProblem = { field: string; message: string };

/** Names that become file names and Grafana identifiers (templates, mute timings). */
export const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const NAME_RULE = 'must be letters, digits, ".", "-" and "_"';

/** Keys used by more than one item, each once, in order of their second use. */
export function duplicateKeys<T>(items: readonly T[], key: (t: T) => string): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) twice.push(k);
    seen.add(k);
  }
  return twice;
}

/** A reporter of problems of one file. */
export const reporter =
  (problems: Problem[], file: string) =>
  (resource: string, field: string | undefined, message: string): void => {
    problems.push({ file, resource, field, message });
  };
