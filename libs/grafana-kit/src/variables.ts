import {
  CustomVariableBuilder,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  TextBoxVariableBuilder,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DATASOURCE_VARIABLE, datasourceVariableRef } from './queries.js';

/** The data source picker every dashboard has; `current` pre-selects a data source by uid. */
export function datasourceVariable(pluginType: string, options: { name?: string; label?: string; current?: string } = {}) {
  const v = new DatasourceVariableBuilder(options.name ?? DATASOURCE_VARIABLE).label(options.label ?? 'Data source').type(pluginType);
  if (options.current) v.current({ text: options.current, value: options.current, selected: true });
  return v;
}

export interface LabelValuesOptions {
  readonly label?: string;
  /** Allow several values; the default. */
  readonly multi?: boolean;
  /** Offer "All", matching every value with `.*` (also when the query returns nothing). */
  readonly includeAll?: boolean;
  readonly regex?: string;
  readonly sort?: VariableSort;
}

/** A variable listing the values of `label` on series matching `selector`, refreshed on time-range change. */
export function labelValuesVariable(name: string, selector: string, label: string, options: LabelValuesOptions = {}) {
  const query = `label_values(${selector}, ${label})`;
  const v = new QueryVariableBuilder(name)
    .label(options.label ?? name)
    .datasource(datasourceVariableRef())
    .query({ query, refId: 'PrometheusVariableQueryEditor-VariableQuery', qryType: 1 })
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(options.sort ?? VariableSort.AlphabeticalAsc)
    .multi(options.multi ?? true)
    .includeAll(options.includeAll ?? true);
  if (options.includeAll ?? true) v.allValue('.*');
  if (options.regex) v.regex(options.regex);
  return v;
}

/** A fixed list of values, the first one selected. */
export function customVariable(name: string, values: readonly string[], options: { label?: string; multi?: boolean } = {}) {
  if (values.length === 0) throw new Error(`custom variable ${name} needs at least one value`);
  return new CustomVariableBuilder(name)
    .label(options.label ?? name)
    .values(values.join(','))
    .multi(options.multi ?? false)
    .current({ text: values[0]!, value: values[0]!, selected: true });
}

/** A free-text variable, e.g. a trace id. */
export function textboxVariable(name: string, defaultValue: string, label?: string) {
  return new TextBoxVariableBuilder(name).label(label ?? name).defaultValue(defaultValue);
}
