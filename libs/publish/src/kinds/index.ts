import type { GrafanaKind } from '../artifacts.js';
import type { KindAdapter } from './adapter.js';
import { contactPointAdapter, muteTimingAdapter, policyAdapter, ruleGroupAdapter, templateAdapter } from './alerting.js';
import { dashboardAdapter } from './dashboards.js';
import { datasourceAdapter } from './datasources.js';
import { folderAdapter } from './folders.js';

export const ADAPTERS: Record<GrafanaKind, KindAdapter> = {
  folder: folderAdapter,
  datasource: datasourceAdapter,
  dashboard: dashboardAdapter,
  'alert-template': templateAdapter,
  'mute-timing': muteTimingAdapter,
  'contact-point': contactPointAdapter,
  'notification-policy': policyAdapter,
  'alert-rule-group': ruleGroupAdapter,
};
export type { KindAdapter, KindContext, LiveResource, ResolvedResource } from './adapter.js';
