import diff, { type Difference } from 'microdiff';
import { isPlainObject } from './normalize.js';

const MAX_LINES = 20;
const MAX_VALUE = 80;

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** `panels[3] "Upstream latency" targets[0].expr`: indexes carry the element's title or name. */
export function renderPath(root: unknown, path: readonly (string | number)[]): string {
  let out = '';
  let node: unknown = root;
  let labelled = false;
  for (const seg of path) {
    if (typeof seg === 'number') {
      out += `[${seg}]`;
      node = Array.isArray(node) ? node[seg] : undefined;
      const label = isPlainObject(node) ? (node.title ?? node.name) : undefined;
      labelled = typeof label === 'string' && label !== '';
      if (labelled) out += ` ${JSON.stringify(label)}`;
    } else {
      out += !out ? seg : labelled ? ` ${seg}` : `.${seg}`;
      labelled = false;
      node = isPlainObject(node) ? node[seg] : undefined;
    }
  }
  return out || '(whole resource)';
}

/** A short semantic diff between two comparable forms, one line per changed field. */
export function semanticDiff(live: unknown, desired: unknown): string[] {
  if (!isPlainObject(live) || !isPlainObject(desired))
    return live === desired ? [] : [`(whole resource): ${show(live)} -> ${show(desired)}`];
  const changes: Difference[] = diff(live, desired);
  const lines = changes.map((c) => {
    const where = renderPath(c.type === 'REMOVE' ? live : desired, c.path);
    if (c.type === 'CREATE') return `${where}: (absent) -> ${show(c.value)}`;
    if (c.type === 'REMOVE') return `${where}: ${show(c.oldValue)} -> (absent)`;
    return `${where}: ${show(c.oldValue)} -> ${show(c.value)}`;
  });
  if (lines.length > MAX_LINES) return [...lines.slice(0, MAX_LINES), `… ${lines.length - MAX_LINES} more changes`];
  return lines;
}
