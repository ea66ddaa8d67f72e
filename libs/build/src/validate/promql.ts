import { parser } from '@prometheus-io/lezer-promql';

const DURATION_MACRO = /\$\{?__(rate_interval|interval|range)\}?/g;
const NUMBER_MACRO = /\$\{?__(interval_ms|range_s|range_ms)\}?/g;
const VARIABLE = /\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)/g;

/**
 * Replaces Grafana macros and template variables outside string literals with something the
 * PromQL grammar accepts ($__rate_interval -> 5m, $metric -> var_metric), keeping strings as they are.
 */
export function substituteGrafanaVariables(expr: string): string {
  let out = '';
  let code = '';
  const flush = () => {
    out += code
      .replace(NUMBER_MACRO, '300')
      .replace(DURATION_MACRO, '5m')
      .replace(VARIABLE, (_m, a?: string, b?: string, c?: string) => `var_${a ?? b ?? c}`);
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

/** Parse problems of a PromQL expression (empty when it parses), after Grafana substitution. */
export function promqlProblems(expr: string): string[] {
  if (expr.trim() === '') return ['empty PromQL expression'];
  const text = substituteGrafanaVariables(expr);
  const problems: string[] = [];
  const tree = parser.parse(text);
  tree.iterate({
    enter: (node) => {
      if (node.type.isError && problems.length < 3) {
        const near = text.slice(Math.max(0, node.from - 10), node.to + 10).replace(/\s+/g, ' ');
        problems.push(`PromQL does not parse at offset ${node.from}: near "${near}"`);
      }
    },
  });
  return problems;
}

/** The series selector inside `label_values(selector, label)` or `query_result(expr)` of a variable query. */
export function promqlOfVariableQuery(query: string): string | undefined {
  const labelValues = /^\s*label_values\(\s*(.+),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*$/s.exec(query);
  if (labelValues) return labelValues[1];
  const queryResult = /^\s*query_result\((.+)\)\s*$/s.exec(query);
  if (queryResult) return queryResult[1];
  return undefined;
}
