import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as barchart from '@grafana/grafana-foundation-sdk/barchart';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as gauge from '@grafana/grafana-foundation-sdk/gauge';
import * as heatmap from '@grafana/grafana-foundation-sdk/heatmap';
import * as histogram from '@grafana/grafana-foundation-sdk/histogram';
import * as logs from '@grafana/grafana-foundation-sdk/logs';
import * as loki from '@grafana/grafana-foundation-sdk/loki';
import * as nodegraph from '@grafana/grafana-foundation-sdk/nodegraph';
import * as piechart from '@grafana/grafana-foundation-sdk/piechart';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import * as statushistory from '@grafana/grafana-foundation-sdk/statushistory';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as tempo from '@grafana/grafana-foundation-sdk/tempo';
import * as text from '@grafana/grafana-foundation-sdk/text';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import * as trend from '@grafana/grafana-foundation-sdk/trend';
import * as kit from '@o11y/grafana-kit';
import * as xray from '@o11y/xray-query';
import { literal, rawQuery, withRaw, type Expr, type Runtime } from './code.js';
import { isObject, type Json } from './json.js';

/** SDK modules the generated code may import, by the namespace name it imports them as. */
const SDK_MODULES: Record<string, Json> = {
  bargauge,
  barchart,
  common,
  dashboard,
  gauge,
  heatmap,
  histogram,
  logs,
  loki,
  nodegraph,
  piechart,
  prometheus,
  stat,
  statetimeline,
  statushistory,
  table,
  tempo,
  text,
  timeseries,
  trend,
};

export const KIT = '@o11y/grafana-kit';
export const XRAY = '@o11y/xray-query';
/** The generated project's own helpers (src/raw.ts). */
export const RAW = './raw.js';

/** Everything generated code refers to, for running it in process. */
export const runtime: Runtime = { ...SDK_MODULES, [KIT]: kit, [XRAY]: xray, [RAW]: { withRaw, rawQuery } };

export const sdkModuleSpecifier = (module: string): string => `@grafana/grafana-foundation-sdk/${module}`;

/** The SDK module holding the typed panel builder for a panel type, if there is one. */
export function panelModule(type: string): string | undefined {
  const name = type.toLowerCase().replace(/-/g, '');
  return name !== 'dashboard' && name !== 'common' && SDK_MODULES[name]?.PanelBuilder ? name : undefined;
}

export interface MethodSignature {
  readonly name: string;
  readonly params: ReadonlyArray<{ readonly name: string; readonly type: string }>;
}

const require = createRequire(import.meta.url);
const signatureCache = new Map<string, Map<string, MethodSignature>>();

/** Methods of an SDK builder class, read from its declaration file (the runtime has no types). */
export function builderMethods(module: string, className: string): Map<string, MethodSignature> {
  const key = `${module}.${className}`;
  const cached = signatureCache.get(key);
  if (cached) return cached;
  const dir = dirname(require.resolve(sdkModuleSpecifier(module)));
  const file = join(dir, `${className[0]!.toLowerCase()}${className.slice(1)}.gen.d.ts`);
  const methods = new Map<string, MethodSignature>();
  for (const m of readFileSync(file, 'utf8').matchAll(/^\s+(\w+)\((.*)\)(?:: this)?;$/gm)) {
    methods.set(m[1]!, { name: m[1]!, params: splitParams(m[2]!) });
  }
  signatureCache.set(key, methods);
  return methods;
}

function splitParams(s: string): MethodSignature['params'] {
  if (!s.trim()) return [];
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '<' || ch === '(' || ch === '[' || ch === '{') depth++;
    if (ch === '>' || ch === ')' || ch === ']' || ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => {
    const i = p.indexOf(':');
    return { name: p.slice(0, i).trim().replace(/\?$/, ''), type: p.slice(i + 1).trim() };
  });
}

/** Named types whose object literals type-check without a cast (no enum members inside). */
const CAST_FREE = new Set(['common.DataSourceRef', 'dashboard.GridPos', 'dashboard.DynamicConfigValue', 'dashboard.LibraryPanelRef']);

/**
 * The expression for `value` passed where the SDK expects `type`: literals, enum members,
 * nested builders. Undefined when the value cannot be expressed that way.
 */
export function valueFor(type: string, value: unknown): Expr | undefined {
  type = type.trim();
  if (type === 'any' || type.startsWith('Record<')) return literal(value);
  const builder = /^cog\.Builder<(\w+)\.(\w+)>(\[\])?$/.exec(type);
  if (builder) {
    const [, module, typeName, isArray] = builder;
    if (isArray) {
      if (!Array.isArray(value)) return undefined;
      const items = value.map((v) => builderFor(module!, `${typeName}Builder`, v));
      return items.every((i): i is Expr => i !== undefined) ? { kind: 'array', items } : undefined;
    }
    return builderFor(module!, `${typeName}Builder`, value);
  }
  const named = /^(\w+)\.(\w+)(\[\])?$/.exec(type);
  if (named) {
    const [, module, typeName, isArray] = named;
    const enumObject = SDK_MODULES[module!]?.[typeName!];
    if (!isArray && isObject(enumObject)) return enumMember(module!, typeName!, enumObject, value);
    if (value === null || typeof value !== 'object' || Array.isArray(value) !== !!isArray) return undefined;
    return literal(value, CAST_FREE.has(`${module}.${typeName}`) ? undefined : type);
  }
  const alternatives = type.split(/\|(?![^<]*>)/).map((t) => t.trim());
  if (alternatives.some((t) => jsonTypeMatches(t, value))) return literal(value);
  return undefined;
}

function jsonTypeMatches(t: string, value: unknown): boolean {
  if (t === 'string' || t === 'number' || t === 'boolean') return typeof value === t;
  if (t === 'null') return value === null;
  if (t === 'string[]') return Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (t === 'number[]') return Array.isArray(value) && value.every((v) => typeof v === 'number');
  if (/^".*"$/.test(t)) return value === JSON.parse(t);
  if (t.startsWith('Record<')) return isObject(value);
  return false;
}

function enumMember(module: string, enumName: string, enumObject: Json, value: unknown): Expr | undefined {
  const member = Object.keys(enumObject).find((k) => enumObject[k] === value && !/^\d+$/.test(k));
  return member === undefined ? undefined : { kind: 'enum', module, enumName, member, value };
}

/**
 * A nested SDK builder (`new common.VizLegendOptionsBuilder().displayMode(...)`) for a plain object,
 * if every member maps; constructor parameters (a link's title) are taken from the members they name.
 */
export function builderFor(module: string, className: string, value: unknown): Expr | undefined {
  if (!isObject(value) || typeof SDK_MODULES[module]?.[className] !== 'function') return undefined;
  const methods = builderMethods(module, className);
  const ctorParams = methods.get('constructor')?.params ?? [];
  const args: Expr[] = [];
  for (const p of ctorParams) {
    const arg = p.name in value ? valueFor(p.type, value[p.name]) : undefined;
    if (!arg) return undefined;
    args.push(arg);
  }
  const calls = [];
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || ctorParams.some((p) => p.name === k)) continue;
    const m = methods.get(k);
    if (!m || m.params.length !== 1) return undefined;
    const arg = valueFor(m.params[0]!.type, v);
    if (!arg) return undefined;
    calls.push({ method: k, args: [arg] });
  }
  return { kind: 'new', module, className, args, calls };
}
