import type { AlertingDefinition, AlertRuleDefinition, AlertSet, EnvironmentDefinition } from '@o11y/environment';
import { webhookContactPoint } from '../src/contact-points.js';

/** A small self-hosted environment with one folder and one Prometheus data source. */
export const env: EnvironmentDefinition = {
  name: 'test',
  source: '/repo/environments/test/src/environment.ts',
  grafana: { kind: 'self-hosted', url: 'http://localhost:3000', version: '12.4.2' },
  folders: [{ uid: 'alerts', title: 'Alerts' }],
  datasources: [{ uid: 'prometheus', name: 'Prometheus', type: 'prometheus', access: 'proxy', url: 'http://p', jsonData: {} }],
  dashboards: [],
};

export const rule = (over: Partial<AlertRuleDefinition> = {}): AlertRuleDefinition => ({
  name: 'TargetDown',
  uid: 'target-down',
  query: { kind: 'promql', datasource: { type: 'prometheus', uid: 'prometheus' }, expr: 'up' },
  threshold: { op: 'lt', value: 1 },
  for: '5m',
  severity: 'warning',
  summary: 'A target is down.',
  description: 'Target {{ $labels.instance }} is down.',
  runbookUrl: 'https://runbooks.example.com/targetdown',
  noDataState: 'OK',
  execErrState: 'Error',
  ...over,
});

export const set = (over: Partial<AlertSet> = {}, rules = [rule()]): AlertSet => ({
  name: 'test',
  source: '/repo/alerts/test/src/rules.ts',
  folder: 'alerts',
  team: 'platform',
  groups: [{ name: 'test', interval: '1m', rules }],
  policy: { team: 'platform', routes: [{ matchers: [['severity', '=', 'critical']], repeatInterval: '1h' }] },
  ...over,
});

export const definition = (over: Partial<AlertingDefinition> = {}): AlertingDefinition => ({
  source: env.source,
  alertSets: [set()],
  contactPoints: [webhookContactPoint({ url: 'http://localhost:9094/alerts' })],
  policy: { receiver: 'Webhook' },
  ...over,
});

/** Problems as one line each: `<resource> <field>: <message>`. */
export const lines = (problems: readonly { resource: string; field?: string; message: string }[]) =>
  problems.map((p) => `${p.resource} ${p.field}: ${p.message}`);
