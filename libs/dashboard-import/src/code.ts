import { compareStrings } from '@o11y/environment';
import { deepMerge, isObject, type Json } from './json.js';

/**
 * Generated code as data: every expression can be rendered as TypeScript and executed in
 * process, so the importer checks what the code builds before it writes a line.
 */
export type Expr =
  | { readonly kind: 'literal'; readonly value: unknown; readonly cast?: string }
  | { readonly kind: 'enum'; readonly module: string; readonly enumName: string; readonly member: string; readonly value: unknown }
  | { readonly kind: 'new'; readonly module: string; readonly className: string; readonly args: Expr[]; readonly calls: Call[] }
  | { readonly kind: 'fn'; readonly from: string; readonly name: string; readonly args: Expr[]; readonly calls: Call[] }
  | { readonly kind: 'array'; readonly items: Expr[] }
  /** An object literal whose members are expressions (e.g. `{ current: c.datasource.uid }`). */
  | { readonly kind: 'object'; readonly members: ReadonlyArray<readonly [string, Expr]> }
  /** Rendered as `code` (e.g. `panel.downstreamRps()`), executed as the expression it names. */
  | { readonly kind: 'ref'; readonly code: string; readonly target: Expr };

/** Where casts to a bare type name (`as XRayGroup`) import it from: the only non-SDK types generated code names. */
const TYPE_HOME = '@o11y/xray-query';

export interface Call {
  readonly method: string;
  readonly args: Expr[];
  /** Rendered as a line comment above the call. */
  readonly comment?: string;
}

/** Where each module or function lives at run time: `{ timeseries: <module>, '@o11y/grafana-kit': <module> }`. */
export type Runtime = Readonly<Record<string, Json>>;

export const literal = (value: unknown, cast?: string): Expr => ({ kind: 'literal', value, cast });
/** An expression builder methods can be chained on. */
export type BuilderExpr = Extract<Expr, { kind: 'new' | 'fn' }>;

export const newBuilder = (module: string, className: string, args: Expr[] = [], calls: Call[] = []): BuilderExpr => ({
  kind: 'new',
  module,
  className,
  args,
  calls,
});
export const fnCall = (from: string, name: string, args: Expr[] = [], calls: Call[] = []): BuilderExpr => ({
  kind: 'fn',
  from,
  name,
  args,
  calls,
});
export const call = (method: string, ...args: Expr[]): Call => ({ method, args });
/** Code that reads a value at run time (`c.datasource.uid`), executed in process as `value`. */
export const ref = (code: string, value: unknown): Expr => ({ kind: 'ref', code, target: literal(value) });

/** Appends calls to a builder expression. */
export function chain(expr: Expr, calls: readonly Call[]): Expr {
  if (expr.kind !== 'new' && expr.kind !== 'fn') throw new Error(`cannot chain calls on a ${expr.kind}`);
  return { ...expr, calls: [...expr.calls, ...calls] };
}

export function execute(expr: Expr, runtime: Runtime): any {
  switch (expr.kind) {
    case 'literal':
      return structuredClone(expr.value);
    case 'enum':
      return expr.value;
    case 'array':
      return expr.items.map((i) => execute(i, runtime));
    case 'object':
      return Object.fromEntries(expr.members.map(([k, v]) => [k, execute(v, runtime)]));
    case 'ref':
      return execute(expr.target, runtime);
    case 'new': {
      const Cls = moduleOf(runtime, expr.module)[expr.className];
      return applyCalls(new Cls(...expr.args.map((a) => execute(a, runtime))), expr.calls, runtime);
    }
    case 'fn': {
      const fn = moduleOf(runtime, expr.from)[expr.name];
      return applyCalls(fn(...expr.args.map((a) => execute(a, runtime))), expr.calls, runtime);
    }
  }
}

function applyCalls(target: any, calls: readonly Call[], runtime: Runtime): any {
  let cur = target;
  for (const c of calls) {
    if (typeof cur[c.method] !== 'function') throw new Error(`generated code calls ${c.method}() which does not exist`);
    cur = cur[c.method](...c.args.map((a) => execute(a, runtime)));
  }
  return cur;
}

function moduleOf(runtime: Runtime, name: string): Json {
  const m = runtime[name];
  if (!m) throw new Error(`no runtime module ${name}`);
  return m;
}

/** TypeScript source of an expression; imports are recorded in `imports` (module -> names, '*' for namespaces). */
export function render(expr: Expr, imports: Imports, indent = ''): string {
  switch (expr.kind) {
    case 'literal': {
      const code = renderLiteral(expr.value);
      if (!expr.cast) return code;
      const [module, typeName] = expr.cast.replace(/\[\]$/, '').split('.');
      if (typeName) imports.namespace(module!);
      else imports.type(TYPE_HOME, module!);
      return `${code} as ${expr.cast}`;
    }
    case 'enum':
      imports.namespace(expr.module);
      return `${expr.module}.${expr.enumName}.${expr.member}`;
    case 'array':
      return `[${expr.items.map((i) => render(i, imports, indent)).join(', ')}]`;
    case 'object':
      return `{ ${expr.members.map(([k, v]) => `${renderKey(k)}: ${render(v, imports, indent)}`).join(', ')} }`;
    case 'ref':
      return expr.code;
    case 'new': {
      if (/^[@.]/.test(expr.module)) {
        imports.named(expr.module, expr.className);
        return renderCalls(`new ${expr.className}(${renderArgs(expr.args, imports, indent)})`, expr.calls, imports, indent);
      }
      imports.namespace(expr.module);
      return renderCalls(`new ${expr.module}.${expr.className}(${renderArgs(expr.args, imports, indent)})`, expr.calls, imports, indent);
    }
    case 'fn':
      imports.named(expr.from, expr.name);
      return renderCalls(`${expr.name}(${renderArgs(expr.args, imports, indent)})`, expr.calls, imports, indent);
  }
}

function renderArgs(args: readonly Expr[], imports: Imports, indent: string): string {
  return args.map((a) => render(a, imports, indent)).join(', ');
}

function renderCalls(head: string, calls: readonly Call[], imports: Imports, indent: string): string {
  const inner = `${indent}  `;
  return (
    head +
    calls
      .map((c) => {
        const comment = c.comment ? `\n${inner}// ${c.comment}` : '';
        return `${comment}\n${inner}.${c.method}(${renderArgs(c.args, imports, inner)})`;
      })
      .join('')
  );
}

/** A JSON value as a TypeScript literal: identifiers unquoted, `undefined` kept (it removes a key in a patch). */
export function renderLiteral(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Array.isArray(v)) return `[${v.map(renderLiteral).join(', ')}]`;
  if (isObject(v)) {
    const members = Object.entries(v).map(([k, x]) => `${renderKey(k)}: ${renderLiteral(x)}`);
    return `{ ${members.join(', ')} }`;
  }
  return JSON.stringify(v);
}

/** An object key as TypeScript writes it: unquoted when it is an identifier. */
const renderKey = (k: string): string => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));

/** The import lines a generated file needs. */
export class Imports {
  private readonly namespaces = new Set<string>();
  private readonly names = new Map<string, Set<string>>();
  private readonly types = new Map<string, Set<string>>();

  constructor(private readonly moduleSpecifier: (module: string) => string) {}

  namespace(module: string): void {
    this.namespaces.add(module);
  }

  named(from: string, name: string): void {
    if (!this.names.has(from)) this.names.set(from, new Set());
    this.names.get(from)!.add(name);
  }

  type(from: string, name: string): void {
    if (!this.types.has(from)) this.types.set(from, new Set());
    this.types.get(from)!.add(name);
  }

  render(): string {
    const lines = [...this.namespaces].sort().map((m) => `import * as ${m} from '${this.moduleSpecifier(m)}';`);
    const froms = [...new Set([...this.names.keys(), ...this.types.keys()])].sort(
      (a, b) => Number(a.startsWith('.')) - Number(b.startsWith('.')) || compareStrings(a, b),
    );
    for (const from of froms) {
      const names = [...(this.names.get(from) ?? [])].sort();
      const types = [...(this.types.get(from) ?? [])]
        .filter((t) => !names.includes(t))
        .sort()
        .map((t) => `type ${t}`);
      lines.push(`import { ${[...names, ...types].join(', ')} } from '${from}';`);
    }
    return lines.join('\n');
  }
}

/**
 * What `withRaw(builder, patch)` does in a generated project (src/raw.ts): settings no SDK
 * builder method expresses are merged over the built object, verbatim.
 */
export function withRaw<T>(builder: { build(): T }, patch: Json): { build(): T } {
  return { build: () => deepMerge(builder.build(), patch) as T };
}

/** What `rawQuery(json)` does in a generated project: a query the importer has no builder for, kept as it was. */
export function rawQuery(query: Json): { build(): Json } {
  return { build: () => structuredClone(query) };
}
