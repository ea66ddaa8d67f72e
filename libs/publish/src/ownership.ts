/**
 * Ownership marks. Every resource this tool writes records the environment that owns it and the
 * checksum of what was written (its comparable form), stored in Grafana itself:
 * - Kubernetes-style APIs (12+, dashboards and folders): Grafana's manager annotations.
 * - Legacy API dashboards: the `o11y` key of the dashboard JSON, which Grafana stores as written.
 * - Data sources: the `o11y` key of jsonData, which Grafana stores as written.
 * - Alerting resources and legacy folders, which have no free-form field: the environment's ledger,
 *   one notification template (`o11y-ownership-<env>`) holding a JSON comment.
 */
export interface OwnershipMark {
  readonly environment: string;
  readonly checksum: string;
  /** Artifact path, relative to the workspace root. */
  readonly source?: string;
  /** Folder uid, for ledger entries of rule groups (their API path needs it). */
  readonly folder?: string;
}

export const MANAGER_TOOL = 'o11y';
/** Key of the mark inside dashboard JSON and data source jsonData. */
export const MARK_KEY = 'o11y';

// pkg/apimachinery/utils/meta.go: the manager and source annotations Git Sync and gcx use.
export const ANNO_MANAGED_BY = 'grafana.app/managedBy';
export const ANNO_MANAGER_ID = 'grafana.app/managerId';
export const ANNO_SOURCE_PATH = 'grafana.app/sourcePath';
export const ANNO_SOURCE_CHECKSUM = 'grafana.app/sourceChecksum';
export const ANNO_FOLDER = 'grafana.app/folder';
export const ANNO_MESSAGE = 'grafana.app/message';
/**
 * Manager kind: Grafana knows repo, terraform, kubectl, plugin and grafana. `repo` means Git Sync
 * (Grafana then routes UI saves to a repository), plugin/grafana are Grafana's own; `kubectl` is
 * the kind for a generic API client, as gcx uses. The UI shows such a resource as managed.
 */
export const MANAGER_KIND = 'kubectl';

export function managerId(environment: string): string {
  return `${MANAGER_TOOL}-${environment}`;
}

export function markAnnotations(mark: OwnershipMark): Record<string, string> {
  return {
    [ANNO_MANAGED_BY]: MANAGER_KIND,
    [ANNO_MANAGER_ID]: managerId(mark.environment),
    [ANNO_SOURCE_CHECKSUM]: mark.checksum,
    ...(mark.source ? { [ANNO_SOURCE_PATH]: mark.source } : {}),
  };
}

/** The owner recorded in annotations: ours (with environment), someone else's, or none. */
export function markFromAnnotations(annotations: Record<string, string> | undefined): { mark?: OwnershipMark; foreign?: string } {
  const kind = annotations?.[ANNO_MANAGED_BY];
  const id = annotations?.[ANNO_MANAGER_ID];
  if (!kind) return {};
  if (kind === MANAGER_KIND && id?.startsWith(`${MANAGER_TOOL}-`)) {
    return {
      mark: {
        environment: id.slice(MANAGER_TOOL.length + 1),
        checksum: annotations[ANNO_SOURCE_CHECKSUM] ?? '',
        source: annotations[ANNO_SOURCE_PATH],
      },
    };
  }
  return { foreign: `${kind}${id ? `:${id}` : ''}` };
}

/** The mark stored inside a JSON document (dashboard model, data source jsonData). */
export function embeddedMark(value: unknown): OwnershipMark | undefined {
  const m = (value as Record<string, unknown> | undefined)?.[MARK_KEY] as Record<string, unknown> | undefined;
  if (!m || m.managedBy !== MANAGER_TOOL || typeof m.environment !== 'string') return undefined;
  return { environment: m.environment, checksum: String(m.checksum ?? ''), source: typeof m.source === 'string' ? m.source : undefined };
}

export function embedMark(mark: OwnershipMark): Record<string, unknown> {
  return {
    managedBy: MANAGER_TOOL,
    environment: mark.environment,
    checksum: mark.checksum,
    ...(mark.source ? { source: mark.source } : {}),
  };
}

/** Ledger: marks of resources that have no field of their own, keyed `<kind>/<uid>`. */
export type Ledger = Record<string, OwnershipMark>;

export function ledgerName(environment: string): string {
  return `o11y-ownership-${environment}`;
}

const LEDGER = /\{\{\/\* o11y ownership ledger[^\n]*\n([\s\S]*?)\n\*\/\}\}/;

export function renderLedger(environment: string, ledger: Ledger): string {
  const sorted = Object.fromEntries(Object.entries(ledger).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  // Base64, so no brace pair inside can confuse a template parser.
  const data = Buffer.from(JSON.stringify(sorted)).toString('base64');
  return `{{/* o11y ownership ledger of environment ${environment}: which alerting resources it manages; written by o11y publish, do not edit\n${data}\n*/}}`;
}

export function parseLedger(template: string | undefined): Ledger {
  const m = template ? LEDGER.exec(template) : null;
  if (!m) return {};
  try {
    return JSON.parse(Buffer.from(m[1]!.trim(), 'base64').toString('utf8')) as Ledger;
  } catch {
    return {};
  }
}
