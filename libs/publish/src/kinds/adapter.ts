import type { DesiredResource, GrafanaKind } from '../artifacts.js';
import type { GrafanaClient } from '../grafana-client.js';
import type { Ledger, OwnershipMark } from '../ownership.js';
import type { ServerInfo } from '../server-version.js';

/** What every kind adapter needs to talk to one Grafana for one environment. */
export interface KindContext {
  readonly client: GrafanaClient;
  readonly server: ServerInfo;
  readonly environment: string;
  /** Kubernetes-style namespace: `default` for org 1, `org-<id>` otherwise. */
  readonly namespace: string;
  /** Dashboard save message: tool, environment and git commit when known. */
  readonly message: string;
  /** Marks of resources without a field of their own (read from Grafana before planning). */
  readonly ledger: Ledger;
}

/** A resource as read from Grafana. */
export interface LiveResource {
  readonly uid: string;
  /** As Grafana returned it (for backups). */
  readonly raw: unknown;
  /** Normalised form, comparable with the desired one. */
  readonly comparable: unknown;
  /** This tool's mark, with the environment that owns it. */
  readonly mark?: OwnershipMark;
  /** Another manager (e.g. `terraform`, `repo:xyz`) that owns it. */
  readonly foreignManager?: string;
  /** Concurrency guard to send back on update. */
  readonly version?: number;
  readonly resourceVersion?: string;
  readonly folder?: string;
  /** Whether this is Grafana's untouched default (the default notification policy tree). */
  readonly isDefault?: boolean;
}

/** A desired resource with its `${env:NAME}` references resolved. */
export interface ResolvedResource extends DesiredResource {
  readonly resolved: Record<string, unknown>;
}

/** How one kind is listed, normalised, written and deleted. */
export interface KindAdapter {
  readonly kind: GrafanaKind;
  /** Whether marks live in the environment's ledger instead of the resource. */
  markInLedger(ctx: KindContext): boolean;
  /** Live resources relevant to the plan: every desired uid that exists, and every marked one. */
  list(ctx: KindContext, desired: readonly DesiredResource[]): Promise<Map<string, LiveResource>>;
  /** One resource by uid, for re-checking after a lost answer. */
  get(ctx: KindContext, desired: DesiredResource): Promise<LiveResource | undefined>;
  /** Comparable form of a desired resource. */
  comparable(ctx: KindContext, resource: ResolvedResource): unknown;
  /** Creates (no live) or updates it, carrying the mark. */
  write(ctx: KindContext, resource: ResolvedResource, mark: OwnershipMark, live: LiveResource | undefined): Promise<void>;
  remove(ctx: KindContext, live: LiveResource): Promise<void>;
}
