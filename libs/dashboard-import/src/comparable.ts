import { normalizePanel } from './grafana-normalize.js';
import { isObject, withDefaults, type Json } from './json.js';
import { panelModule, runtime } from './sdk.js';

/**
 * A panel as the comparison sees it: normalised like Grafana loads it, with the plugin's option
 * and field defaults filled in (Grafana applies them on load), so "unset" and "set to the default" are equal.
 */
export function comparablePanel(raw: Json): Json {
  const p = normalizePanel(JSON.parse(JSON.stringify(raw)) as Json);
  if (p.type === 'row') return p;
  const module = panelModule(p.type);
  const sdk = module ? (runtime[module] as Json) : undefined;
  p.options = withDefaults(p.options ?? {}, grafanaDefaultOptions(sdk));
  const fieldConfig: Json = isObject(p.fieldConfig) ? p.fieldConfig : {};
  const defaults: Json = { ...(fieldConfig.defaults ?? {}) };
  const customDefaults = sdk?.defaultFieldConfig?.();
  if (customDefaults !== undefined || defaults.custom !== undefined)
    defaults.custom = withDefaults(defaults.custom ?? {}, customDefaults ?? {});
  p.fieldConfig = { defaults: JSON.parse(JSON.stringify(defaults)), overrides: fieldConfig.overrides ?? [] };
  if (isObject(p.options) && Object.keys(p.options).length === 0) delete p.options;
  return JSON.parse(JSON.stringify(p));
}

/** The plugin's default options; where the SDK's zero value differs from Grafana's default (legends are shown), Grafana's. */
function grafanaDefaultOptions(sdk: Json | undefined): Json {
  const defaults: Json = sdk?.defaultOptions?.() ?? {};
  if (isObject(defaults.legend) && defaults.legend.showLegend === false) defaults.legend.showLegend = true;
  return defaults;
}
