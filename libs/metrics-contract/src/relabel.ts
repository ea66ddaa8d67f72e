/** A label value the pipeline does not fix (a pod name, an IP, whatever a meshed pod's `app` label says). */
export const ANY = Symbol('any value');
export type LabelValue = string | typeof ANY;
export type LabelSet = ReadonlyMap<string, LabelValue>;

/** A relabelling rule as Prometheus and Alloy write it; `regex` ANY when it is an expression only known at run time. */
export interface Relabel {
  readonly sourceLabels?: readonly string[];
  readonly separator?: string;
  readonly regex?: string | typeof ANY;
  readonly targetLabel?: string;
  readonly replacement?: string;
  readonly action?: string;
}

const anchored = (re: string) => new RegExp(`^(?:${re})$`);

/**
 * Runs Prometheus relabelling over labels whose values may be ANY: a keep on an unknown value keeps, a drop on
 * one does not drop (the target may exist), and a value built from an unknown one is unknown.
 * Returns undefined when the target is certainly dropped.
 */
export function relabel(input: LabelSet, rules: readonly Relabel[]): Map<string, LabelValue> | undefined {
  const labels = new Map(input);
  for (const r of rules) {
    const action = r.action ?? 'replace';
    const regex = r.regex ?? '(.*)';
    const sources = (r.sourceLabels ?? []).map((s) => labels.get(s) ?? '');
    const joined: LabelValue = sources.some((v) => v === ANY) ? ANY : (sources as string[]).join(r.separator ?? ';');
    const unknown = joined === ANY || regex === ANY;
    switch (action) {
      case 'keep':
        if (!unknown && !anchored(regex as string).test(joined as string)) return undefined;
        break;
      case 'drop':
        if (!unknown && anchored(regex as string).test(joined as string)) return undefined;
        break;
      case 'replace': {
        if (!r.targetLabel) break;
        if (unknown) {
          labels.set(r.targetLabel, ANY);
          break;
        }
        const m = anchored(regex as string).exec(joined as string);
        if (!m) break;
        const value = (r.replacement ?? '$1').replace(/\$\{?(\w+)\}?/g, (_x, g: string) => m[Number(g)] ?? m.groups?.[g] ?? '');
        if (value === '') labels.delete(r.targetLabel);
        else labels.set(r.targetLabel, value);
        break;
      }
      case 'labelmap':
        if (regex === ANY) break;
        for (const [k, v] of [...labels]) {
          const m = anchored(regex).exec(k);
          if (m)
            labels.set(
              (r.replacement ?? '$1').replace(/\$(\d+)/g, (_x, g: string) => m[Number(g)] ?? ''),
              v,
            );
        }
        break;
      case 'labeldrop':
        if (regex !== ANY) for (const k of [...labels.keys()]) if (anchored(regex).test(k)) labels.delete(k);
        break;
      case 'labelkeep':
        if (regex !== ANY) for (const k of [...labels.keys()]) if (!anchored(regex).test(k)) labels.delete(k);
        break;
      case 'lowercase':
      case 'uppercase':
        if (r.targetLabel)
          labels.set(r.targetLabel, joined === ANY ? ANY : action === 'lowercase' ? joined.toLowerCase() : joined.toUpperCase());
        break;
      default:
        // hashmod, keepequal, dropequal: the outcome depends on values only known at run time.
        if (r.targetLabel) labels.set(r.targetLabel, ANY);
    }
  }
  return labels;
}
