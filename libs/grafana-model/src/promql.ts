import { createRequire } from 'node:module';
import type { Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { replaceVariableReferences, type VariableReference } from './variables.js';

// The Prometheus project's linter ships CommonJS next to ESM that Node cannot load (extensionless imports).
const require = createRequire(import.meta.url);
const { PromQLExtension } = require('@prometheus-io/codemirror-promql') as typeof import('@prometheus-io/codemirror-promql');
type Diagnostic = { message: string; from: number; to: number; severity: string };
/**
 * The linter reads an editor state: only its syntax tree (through the language field) and its text.
 * Handing it the complete tree avoids an editor's time-boxed parse, which stops early on a busy machine.
 */
const promqlLinter = new PromQLExtension().getLinter().promQL() as unknown as (view: { state: unknown }) => Diagnostic[];
const linterState = (text: string, tree: Tree) => ({
  field: () => ({ tree }),
  sliceDoc: (from = 0, to = text.length) => text.slice(from, to),
});

/** Grafana's macros by what they stand for in PromQL: a duration or a number. */
const DURATION_MACROS = new Set(['__rate_interval', '__interval', '__range']);
const NUMBER_MACROS = new Set(['__interval_ms', '__rate_interval_ms', '__range_s', '__range_ms']);

/** What the PromQL grammar is handed for a macro or variable: a duration, a number or an identifier. */
const placeholder = ({ name }: VariableReference) => (DURATION_MACROS.has(name) ? '5m' : NUMBER_MACROS.has(name) ? '300' : `var_${name}`);

/**
 * Replaces Grafana macros and template variables outside string literals with something the
 * PromQL grammar accepts ($__rate_interval -> 5m, $metric -> var_metric), keeping strings as they are.
 */
export function substituteGrafanaVariables(expr: string): string {
  let out = '';
  let code = '';
  const flush = () => {
    out += replaceVariableReferences(code, placeholder);
    code = '';
  };
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      flush();
      let j = i + 1;
      while (j < expr.length && expr[j] !== ch) j += expr[j] === '\\' && ch !== '`' ? 2 : 1;
      out += expr.slice(i, j + 1);
      i = j;
    } else {
      code += ch;
    }
  }
  flush();
  return out;
}

/**
 * Problems of a PromQL expression (empty when it is valid), after Grafana substitution: grammar
 * errors, then types and function signatures as Prometheus checks them (its own linter).
 */
export function promqlProblems(expr: string): string[] {
  if (expr.trim() === '') return ['empty PromQL expression'];
  const text = substituteGrafanaVariables(expr);
  const problems: string[] = [];
  const near = (from: number, to: number) => text.slice(Math.max(0, from - 10), to + 10).replace(/\s+/g, ' ');
  const tree = parser.parse(text);
  tree.iterate({
    enter: (node) => {
      if (node.type.isError && problems.length < 3)
        problems.push(`PromQL does not parse at offset ${node.from}: near "${near(node.from, node.to)}"`);
      // Prometheus' parser rejects a range on anything but a series selector; the linter does not check it.
      if (node.name === 'MatrixSelector' && node.node.firstChild?.name !== 'VectorSelector' && problems.length < 3)
        problems.push(`PromQL: ranges are only allowed on series selectors, at offset ${node.from}: near "${near(node.from, node.to)}"`);
    },
  });
  if (problems.length) return problems;
  const seen = new Set<string>();
  for (const d of promqlLinter({ state: linterState(text, tree) })) {
    // A template variable's type is known only once Grafana substitutes it (a count, a selector...).
    if (/^var_\w+$/.test(text.slice(d.from, d.to))) continue;
    const message = `PromQL: ${d.message}, at offset ${d.from}: near "${near(d.from, d.to)}"`;
    if (d.severity === 'error' && !seen.has(message) && seen.size < 3) seen.add(message);
  }
  return [...seen];
}

/** The series selector inside `label_values(selector, label)` or `query_result(expr)` of a variable query. */
export function promqlOfVariableQuery(query: string): string | undefined {
  const labelValues = /^\s*label_values\(\s*(.+),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*$/s.exec(query);
  if (labelValues) return labelValues[1];
  const queryResult = /^\s*query_result\((.+)\)\s*$/s.exec(query);
  if (queryResult) return queryResult[1];
  return undefined;
}

/** A label matcher of a series selector: `name op "value"`. */
export interface LabelMatcher {
  readonly name: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

/** A series selector of a PromQL expression: its metric name (when it has one) and its label matchers. */
export interface VectorSelector {
  /** From the identifier or an `__name__="…"` matcher; undefined when the name is a regex or absent. */
  readonly metric?: string;
  readonly matchers: readonly LabelMatcher[];
  /** The selector as written, for messages. */
  readonly text: string;
}

// PromQL strings: Go-style escapes in "…" and '…', none in `…`.
function unquotePromqlString(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === '`') return body;
  return body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

/**
 * Every series selector of a PromQL expression (Grafana macros and variables outside strings substituted first;
 * variables inside matcher values are left as written, e.g. `$namespace`). Empty when the expression does not parse.
 */
export function vectorSelectors(expr: string): VectorSelector[] {
  const text = substituteGrafanaVariables(expr);
  const tree = parser.parse(text);
  let broken = false;
  const selectors: VectorSelector[] = [];
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) broken = true;
      if (node.name !== 'VectorSelector') return;
      let metric: string | undefined;
      const matchers: LabelMatcher[] = [];
      const identifier = node.node.getChild('Identifier');
      if (identifier) metric = text.slice(identifier.from, identifier.to);
      const list = node.node.getChild('LabelMatchers');
      for (const m of list ? [...list.getChildren('UnquotedLabelMatcher'), ...list.getChildren('QuotedLabelMatcher')] : []) {
        const nameNode = m.getChild('LabelName') ?? m.getChild('QuotedLabelName');
        const opNode = m.getChild('MatchOp');
        const valueNode = m.getChildren('StringLiteral').at(-1);
        if (!nameNode || !opNode || !valueNode) continue;
        const rawName = text.slice(nameNode.from, nameNode.to);
        const name = nameNode.name === 'QuotedLabelName' ? unquotePromqlString(rawName) : rawName;
        const op = text.slice(opNode.from, opNode.to) as LabelMatcher['op'];
        const value = unquotePromqlString(text.slice(valueNode.from, valueNode.to));
        if (name === '__name__' && op === '=') metric = value;
        else matchers.push({ name, op, value });
      }
      selectors.push({ metric, matchers, text: text.slice(node.from, node.to) });
    },
  });
  return broken ? [] : selectors;
}
