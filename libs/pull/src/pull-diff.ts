import diff from 'microdiff';
import { isPlainObject, renderPath } from '@o11y/publish';

const MAX_VALUE = 100;
const CONTEXT = 30;

/** Both strings from a little before their first difference, so an edit at the end of a long query shows. */
function showStrings(before: string, after: string): [string, string] {
  if (before.length <= MAX_VALUE && after.length <= MAX_VALUE) return [JSON.stringify(before), JSON.stringify(after)];
  let i = 0;
  while (i < before.length && before[i] === after[i]) i++;
  const start = Math.max(0, i - CONTEXT);
  const cut = (s: string) =>
    `${start > 0 ? '…' : ''}${JSON.stringify(s.slice(start, start + MAX_VALUE))}${s.length > start + MAX_VALUE ? '…' : ''}`;
  return [cut(before), cut(after)];
}

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE * 2 ? `${text.slice(0, MAX_VALUE * 2 - 1)}…` : text;
}

/** One line per changed field, built -> live; long strings are shown around where they differ. */
export function pullDiff(built: unknown, live: unknown): string[] {
  if (!isPlainObject(built) || !isPlainObject(live)) return built === live ? [] : [`(whole resource): ${show(built)} -> ${show(live)}`];
  return diff(built, live).map((c) => {
    const where = renderPath(c.type === 'REMOVE' ? built : live, c.path);
    if (c.type === 'CREATE') return `${where}: (absent) -> ${show(c.value)}`;
    if (c.type === 'REMOVE') return `${where}: ${show(c.oldValue)} -> (absent)`;
    if (typeof c.oldValue === 'string' && typeof c.value === 'string') {
      const [a, b] = showStrings(c.oldValue, c.value);
      return `${where}: ${a} -> ${b}`;
    }
    return `${where}: ${show(c.oldValue)} -> ${show(c.value)}`;
  });
}
