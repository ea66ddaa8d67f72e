import type { WithoutSourceDeclaration } from '@o11y/environment';
import { vectorSelectors, type LabelMatcher, type VectorSelector } from '@o11y/grafana-model';
import type { ProducedSeries } from './produced.js';
import type { ContractQuery, QuerySite } from './queries.js';
import { ANY, type LabelValue } from './relabel.js';

/** A panel, or a rule, an environment declares as having no source in it, and why. */
export type WithoutSource = WithoutSourceDeclaration;

export interface ContractProblem {
  readonly site: QuerySite;
  readonly message: string;
}

// Grafana variables: `$var`, `${var}`, `${var:fmt}`, `[[var]]`.
const VARIABLE = /\$\{[^}]+\}|\[\[[^\]]+\]\]|\$\w+/g;
const MARK = 'o11yvar';

/** PromQL with variables outside strings made identifier-safe, so `test_counter$metric` stays one name. */
function markVariables(expr: string): string {
  let out = '';
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < expr.length && expr[j] !== ch) j += expr[j] === '\\' && ch !== '`' ? 2 : 1;
      out += expr.slice(i, j + 1);
      i = j;
      continue;
    }
    const m = /^(\$__\w+|\$\{__\w+\})/.exec(expr.slice(i));
    if (m) {
      out += m[0];
      i += m[0].length - 1;
      continue;
    }
    const v = new RegExp(`^(?:${VARIABLE.source})`).exec(expr.slice(i));
    if (v) {
      out += MARK;
      i += v[0].length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

const anchored = (re: string) => new RegExp(`^(?:${re})$`);

function matches(m: LabelMatcher, value: LabelValue | undefined): boolean {
  if (value === ANY) return true;
  const v = value ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return anchored(m.value).test(v);
    case '!~':
      return !anchored(m.value).test(v);
  }
}

const fixedValues = (series: readonly ProducedSeries[], label: string) =>
  [...new Set(series.map((s) => s.labels.get(label)).filter((v): v is string => typeof v === 'string'))].sort();

/** What is wrong with one selector against the series the environment stores, or undefined when something feeds it. */
export function selectorProblem(selector: VectorSelector, produced: ReadonlyMap<string, readonly ProducedSeries[]>): string | undefined {
  const name = selector.metric;
  if (!name || name === MARK) return undefined;
  // A variable inside a name stands for a name part without separators (`test_counter$metric`: 0…9), so a
  // stored `test_counter0_total` does not pass for `test_counter0`.
  const nameRe = name.includes(MARK)
    ? anchored(
        name
          .split(MARK)
          .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('[a-zA-Z0-9:]*'),
      )
    : undefined;
  const series = nameRe ? [...produced].filter(([n]) => nameRe.test(n)).flatMap(([, s]) => s) : (produced.get(name) ?? []);
  const shown = nameRe ? name.replaceAll(MARK, '$var') : name;
  if (series.length === 0) {
    const renamed = [...produced.values()]
      .flat()
      .find((s) => s.exposedAs !== undefined && (nameRe ? nameRe.test(s.exposedAs) : s.exposedAs === name));
    if (renamed) return `${shown} is exposed by ${renamed.from} but stored as ${renamed.name}: the remote-write exporter adds the suffix`;
    return `${shown} is not produced by any scrape job of this environment`;
  }
  // Matchers holding a variable match whatever the variable is set to.
  const fixed = selector.matchers.filter((m) => !m.value.includes(MARK) && !/\$/.test(m.value));
  if (series.some((s) => s.openLabels || fixed.every((m) => matches(m, s.labels.get(m.name))))) return undefined;
  for (const m of fixed) {
    if (series.some((s) => matches(m, s.labels.get(m.name)))) continue;
    const values = fixedValues(series, m.name);
    if (!series.some((s) => s.labels.has(m.name)))
      return `${shown}{${m.name}${m.op}${JSON.stringify(m.value)}}: label ${m.name} is not given by any scrape job producing ${shown}`;
    return `${shown}{${m.name}${m.op}${JSON.stringify(m.value)}} never matches: the pipeline gives ${m.name} only ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${shown}: no series has all of ${fixed.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(', ')}`;
}

/** Problems of every query: one per selector that nothing in the environment feeds. */
export function queryProblems(queries: readonly ContractQuery[], produced: readonly ProducedSeries[]): ContractProblem[] {
  const byName = new Map<string, ProducedSeries[]>();
  for (const s of produced) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  const out: ContractProblem[] = [];
  const seen = new Set<string>();
  for (const q of queries) {
    for (const selector of vectorSelectors(markVariables(q.expr))) {
      const message = selectorProblem(selector, byName);
      const key = `${q.site.resource} ${q.site.field}: ${message}`;
      if (message && !seen.has(key)) {
        seen.add(key);
        out.push({ site: q.site, message });
      }
    }
  }
  return out;
}

function declares(d: WithoutSource, site: QuerySite): boolean {
  if (d.rule !== undefined) return site.rule !== undefined && (d.rule === site.rule || d.rule === site.ruleUid);
  if (d.dashboard !== undefined) return d.dashboard === site.dashboard && (d.panel === undefined || d.panel === site.panel);
  return false;
}

/** Problems left once declarations are applied, plus declarations that match no problem (stale or mistyped). */
export function applyDeclarations(
  problems: readonly ContractProblem[],
  declarations: readonly WithoutSource[],
): { remaining: ContractProblem[]; unused: WithoutSource[] } {
  const used = new Set<WithoutSource>();
  const remaining = problems.filter((p) => {
    const d = declarations.find((x) => declares(x, p.site));
    if (d) used.add(d);
    return !d;
  });
  return { remaining, unused: declarations.filter((d) => !used.has(d)) };
}
