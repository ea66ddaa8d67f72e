/**
 * A typed model of Grafana Alloy configuration (blocks, attributes, expressions) and its renderer, so the
 * Alloy config is generated from typed options rather than written as a string.
 */

/** A raw Alloy expression: a component export reference or a standard-library call. */
export class AlloyExpression {
  constructor(
    readonly text: string,
    /** The component (`name.label`) the expression refers to, checked when the config is rendered. */
    readonly refersTo?: string,
  ) {}
}

export type AlloyValue = string | number | boolean | AlloyExpression | readonly AlloyValue[] | { readonly [key: string]: AlloyValue };

/** A block: a component (`prometheus.scrape "pods" { … }`) or a nested block (`endpoint { … }`). */
export interface AlloyBlock {
  readonly name: string;
  /** Components have a label; nested blocks do not. */
  readonly label?: string;
  readonly attributes?: Readonly<Record<string, AlloyValue | undefined>>;
  readonly blocks?: readonly AlloyBlock[];
}

/** A reference to an export of a component block, e.g. `ref(remoteWrite, 'receiver')`. */
export function ref(component: AlloyBlock, exportName: string): AlloyExpression {
  if (!component.label) throw new Error(`block ${component.name} has no label, so it is not a component that can be referenced`);
  const id = `${component.name}.${component.label}`;
  return new AlloyExpression(`${id}.${exportName}`, id);
}

/** `sys.env("NAME")`. */
export function envVar(name: string): AlloyExpression {
  return new AlloyExpression(`sys.env(${JSON.stringify(name)})`);
}

/** `a + b + …` of strings and expressions. */
export function concat(...parts: readonly (string | AlloyExpression)[]): AlloyExpression {
  return new AlloyExpression(parts.map((p) => (typeof p === 'string' ? JSON.stringify(p) : p.text)).join(' + '));
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BLOCK_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function renderValue(value: AlloyValue, indent: string): string {
  if (value instanceof AlloyExpression) return value.text;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Alloy numbers must be finite, got ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v: AlloyValue) => renderValue(v, indent)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, AlloyValue>);
  if (entries.length === 0) return '{}';
  const inner = `${indent}  `;
  const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)} = ${renderValue(v, inner)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function renderBlock(block: AlloyBlock, indent: string): string {
  if (!BLOCK_NAME.test(block.name)) throw new Error(`invalid Alloy block name ${JSON.stringify(block.name)}`);
  const header = block.label === undefined ? block.name : `${block.name} ${JSON.stringify(block.label)}`;
  const inner = `${indent}  `;
  const attributes = Object.entries(block.attributes ?? {}).filter((e): e is [string, AlloyValue] => e[1] !== undefined);
  const width = Math.max(0, ...attributes.map(([k]) => k.length));
  const lines = attributes.map(([k, v]) => {
    if (!IDENTIFIER.test(k)) throw new Error(`invalid Alloy attribute name ${JSON.stringify(k)} in ${header}`);
    return `${inner}${k.padEnd(width)} = ${renderValue(v, inner)}`;
  });
  const children = (block.blocks ?? []).map((b) => renderBlock(b, inner));
  const body = [...lines, ...(lines.length && children.length ? [''] : []), ...children];
  return body.length === 0 ? `${indent}${header} {}` : `${indent}${header} {\n${body.join('\n')}\n${indent}}`;
}

function collectReferences(value: AlloyValue | undefined, out: string[]): void {
  if (value instanceof AlloyExpression) {
    if (value.refersTo) out.push(value.refersTo);
  } else if (Array.isArray(value)) {
    for (const v of value) collectReferences(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) collectReferences(v as AlloyValue, out);
  }
}

/** Problems with a set of top-level components: duplicates and references to components that are not defined. */
export function checkAlloyBlocks(blocks: readonly AlloyBlock[]): string[] {
  const problems: string[] = [];
  const defined = new Set<string>();
  for (const b of blocks) {
    if (!b.label) problems.push(`top-level block ${b.name} needs a label`);
    const id = `${b.name}.${b.label}`;
    if (defined.has(id)) problems.push(`component ${id} is defined twice`);
    defined.add(id);
  }
  const visit = (b: AlloyBlock, owner: string) => {
    const refs: string[] = [];
    for (const v of Object.values(b.attributes ?? {})) collectReferences(v, refs);
    for (const r of refs) if (!defined.has(r)) problems.push(`${owner} refers to ${r}, which is not defined`);
    for (const child of b.blocks ?? []) visit(child, owner);
  };
  for (const b of blocks) visit(b, `${b.name}.${b.label}`);
  return problems;
}

/** Renders top-level components to an Alloy configuration file; throws on dangling references. */
export function renderAlloyConfig(blocks: readonly AlloyBlock[]): string {
  const problems = checkAlloyBlocks(blocks);
  if (problems.length > 0) throw new Error(`invalid Alloy configuration:\n${problems.join('\n')}`);
  return `${blocks.map((b) => renderBlock(b, '')).join('\n\n')}\n`;
}
