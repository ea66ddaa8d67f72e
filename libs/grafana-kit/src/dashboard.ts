import { DashboardBuilder, DashboardCursorSync, DashboardLinkBuilder, DashboardLinkType } from '@grafana/grafana-foundation-sdk/dashboard';

export interface DashboardBasics {
  /** Stable uid (at most 40 characters): links, alerts and publishing rely on it. */
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** @default 'now-1h' */
  readonly from?: string;
  /** @default '30s' */
  readonly refresh?: string;
}

/** Tag on every dashboard this project builds, so they are easy to find among hand-made ones. */
export const PROJECT_TAG = 'o11y-as-code';

/** A dashboard with the house defaults: shared crosshair, browser time zone, 30 s refresh, last hour. */
export function dashboard(basics: DashboardBasics): DashboardBuilder {
  return new DashboardBuilder(basics.title)
    .uid(basics.uid)
    .description(basics.description)
    .tags([...basics.tags, PROJECT_TAG])
    .editable()
    .tooltip(DashboardCursorSync.Crosshair)
    .timezone('browser')
    .time({ from: basics.from ?? 'now-1h', to: 'now' })
    .refresh(basics.refresh ?? '30s');
}

/** Links to the other dashboards of this project, carrying time range and variables along. */
export function projectDashboardsLink(): DashboardLinkBuilder {
  return new DashboardLinkBuilder('Related dashboards')
    .type(DashboardLinkType.Dashboards)
    .tags([PROJECT_TAG])
    .asDropdown(true)
    .keepTime(true)
    .includeVars(true);
}
