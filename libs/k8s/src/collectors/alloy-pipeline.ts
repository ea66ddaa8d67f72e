import { AlloyExpression, concat, envVar, ref, type AlloyBlock, type AlloyValue } from './alloy-config.js';
import type { RelabelRule, ScrapeJob } from './scrape-config.js';
import { PORTS } from '../versions.js';

/** Where Alloy remote-writes metrics. */
export type AlloyMetricsDestination =
  | {
      readonly kind: 'mimir';
      /** Mimir's push URL, e.g. `http://mimir-gateway.mimir.svc.cluster.local/api/v1/push`. */
      readonly url: string;
      /** Sent as `X-Scope-OrgID` when Mimir runs multi-tenant. @default - no tenant header */
      readonly tenant?: string;
    }
  | {
      readonly kind: 'amp';
      /** AMP remote-write URL (see `ampRemoteWriteUrl`). */
      readonly url: string;
      /** Region the SigV4 signature is made for. */
      readonly region: string;
    };

export interface AlloyLogsOptions {
  /** Loki push URL, e.g. `http://loki-gateway.loki.svc.cluster.local/loki/api/v1/push`. */
  readonly lokiUrl: string;
  /** @default - no tenant header */
  readonly tenant?: string;
}

export interface AlloyTracesOptions {
  /** Tempo's OTLP gRPC `host:port`, e.g. `tempo.tempo.svc.cluster.local:4317`. */
  readonly tempoEndpoint: string;
  /** In-cluster Tempo is plain gRPC. @default true */
  readonly insecure?: boolean;
}

export interface AlloyPipelineOptions {
  readonly scrapeJobs: readonly ScrapeJob[];
  readonly metrics: AlloyMetricsDestination;
  /** @default - no log collection */
  readonly logs?: AlloyLogsOptions;
  /** @default - no OTLP receiver */
  readonly traces?: AlloyTracesOptions;
  /**
   * Each Alloy pod handles only its own node's pods (a DaemonSet); the node name comes from this env variable.
   * @default - undefined: discover cluster-wide (a single-replica Deployment)
   */
  readonly nodeNameEnv?: string;
  /** @default '15s' */
  readonly scrapeInterval?: string;
  /** Added to every series, e.g. `{ cluster: 'prod' }`. @default {} */
  readonly externalLabels?: Readonly<Record<string, string>>;
}

/** Alloy component labels must be identifiers: `appmesh-envoy` → `appmesh_envoy`. */
export function componentLabel(jobName: string): string {
  const label = jobName.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(label) ? label : `job_${label}`;
}

function ruleBlock(rule: RelabelRule): AlloyBlock {
  return {
    name: 'rule',
    attributes: {
      source_labels: rule.sourceLabels ? [...rule.sourceLabels] : undefined,
      separator: rule.separator,
      regex: rule.regex,
      target_label: rule.targetLabel,
      replacement: rule.replacement,
      action: rule.action ?? 'replace',
    },
  };
}

function discoveryBlock(
  label: string,
  role: ScrapeJob['role'],
  namespaces: readonly string[] | undefined,
  nodeNameEnv: string | undefined,
): AlloyBlock {
  const blocks: AlloyBlock[] = [];
  if (namespaces) blocks.push({ name: 'namespaces', attributes: { names: [...namespaces] } });
  // A field selector keeps the API server from sending every pod in the cluster to every node's Alloy.
  if (nodeNameEnv && role === 'pod')
    blocks.push({ name: 'selectors', attributes: { role: 'pod', field: concat('spec.nodeName=', envVar(nodeNameEnv)) } });
  return { name: 'discovery.kubernetes', label, attributes: { role }, blocks };
}

/** The components for metrics, logs and traces; render them with `renderAlloyConfig`. */
export function alloyPipeline(options: AlloyPipelineOptions): AlloyBlock[] {
  // prometheus.scrape -> prometheus.remote_write stays in the Prometheus data model: names arrive as scraped, with no
  // suffix added (unlike the collector's prometheusremotewrite exporter), so the lgtm path needs no setting for it.
  const remoteWrite: AlloyBlock = {
    name: 'prometheus.remote_write',
    label: 'default',
    attributes: {
      external_labels: options.externalLabels && Object.keys(options.externalLabels).length ? { ...options.externalLabels } : undefined,
    },
    blocks: [
      {
        name: 'endpoint',
        attributes: {
          url: options.metrics.url,
          headers: options.metrics.kind === 'mimir' && options.metrics.tenant ? { 'X-Scope-OrgID': options.metrics.tenant } : undefined,
        },
        blocks: options.metrics.kind === 'amp' ? [{ name: 'sigv4', attributes: { region: options.metrics.region } }] : [],
      },
    ],
  };

  const blocks: AlloyBlock[] = [];
  for (const job of options.scrapeJobs) {
    const label = componentLabel(job.jobName);
    const discovery = discoveryBlock(label, job.role, job.namespaces, options.nodeNameEnv);
    const relabel: AlloyBlock = {
      name: 'discovery.relabel',
      label,
      attributes: { targets: ref(discovery, 'targets') },
      blocks: [
        // Endpoints have no node field selector, so their targets on other nodes are dropped here.
        ...(options.nodeNameEnv && job.role !== 'pod' && job.role !== 'node'
          ? [
              {
                name: 'rule',
                attributes: {
                  source_labels: ['__meta_kubernetes_pod_node_name'],
                  regex: envVar(options.nodeNameEnv) as AlloyValue,
                  action: 'keep',
                },
              },
            ]
          : []),
        ...job.relabel.map(ruleBlock),
      ],
    };
    let forwardTo: AlloyExpression = ref(remoteWrite, 'receiver');
    const extra: AlloyBlock[] = [];
    if (job.metricRelabel?.length) {
      const metricRelabel: AlloyBlock = {
        name: 'prometheus.relabel',
        label,
        attributes: { forward_to: [forwardTo] },
        blocks: job.metricRelabel.map(ruleBlock),
      };
      forwardTo = ref(metricRelabel, 'receiver');
      extra.push(metricRelabel);
    }
    const scrape: AlloyBlock = {
      name: 'prometheus.scrape',
      label,
      attributes: {
        job_name: job.jobName,
        targets: ref(relabel, 'output'),
        forward_to: [forwardTo],
        metrics_path: job.metricsPath ?? '/metrics',
        scheme: job.scheme ?? 'http',
        honor_labels: job.honorLabels ? true : undefined,
        scrape_interval: job.scrapeInterval ?? options.scrapeInterval ?? '15s',
      },
    };
    blocks.push(discovery, relabel, scrape, ...extra);
  }
  blocks.push(remoteWrite);

  if (options.logs) blocks.push(...podLogBlocks(options.logs, options.nodeNameEnv));
  if (options.traces) blocks.push(...traceBlocks(options.traces));
  return blocks;
}

/** Pod logs tailed from /var/log/pods on the node, parsed as CRI, labelled, pushed to Loki. */
function podLogBlocks(logs: AlloyLogsOptions, nodeNameEnv: string | undefined): AlloyBlock[] {
  const write: AlloyBlock = {
    name: 'loki.write',
    label: 'default',
    blocks: [{ name: 'endpoint', attributes: { url: logs.lokiUrl, tenant_id: logs.tenant } }],
  };
  const discovery = discoveryBlock('pod_logs', 'pod', undefined, nodeNameEnv);
  const relabel: AlloyBlock = {
    name: 'discovery.relabel',
    label: 'pod_logs',
    attributes: { targets: ref(discovery, 'targets') },
    blocks: [
      { sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' },
      { sourceLabels: ['__meta_kubernetes_pod_name'], targetLabel: 'pod' },
      { sourceLabels: ['__meta_kubernetes_pod_container_name'], targetLabel: 'container' },
      {
        sourceLabels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name', '__meta_kubernetes_pod_label_app'],
        separator: '',
        targetLabel: 'app',
      },
      // Kubernetes writes each container's log to /var/log/pods/<ns>_<pod>_<uid>/<container>/<n>.log.
      {
        sourceLabels: ['__meta_kubernetes_pod_uid', '__meta_kubernetes_pod_container_name'],
        separator: '/',
        replacement: '/var/log/pods/*$1/*.log',
        targetLabel: '__path__',
      },
    ].map((r) => ruleBlock(r as RelabelRule)),
  };
  const files: AlloyBlock = { name: 'local.file_match', label: 'pod_logs', attributes: { path_targets: ref(relabel, 'output') } };
  const processing: AlloyBlock = {
    name: 'loki.process',
    label: 'pod_logs',
    attributes: { forward_to: [ref(write, 'receiver')] },
    blocks: [{ name: 'stage.cri' }],
  };
  const source: AlloyBlock = {
    name: 'loki.source.file',
    label: 'pod_logs',
    attributes: { targets: ref(files, 'targets'), forward_to: [ref(processing, 'receiver')] },
  };
  return [discovery, relabel, files, source, processing, write];
}

/** OTLP gRPC/HTTP receivers → batch → Tempo over OTLP gRPC. */
function traceBlocks(traces: AlloyTracesOptions): AlloyBlock[] {
  const exporter: AlloyBlock = {
    name: 'otelcol.exporter.otlp',
    label: 'tempo',
    blocks: [
      {
        name: 'client',
        attributes: { endpoint: traces.tempoEndpoint },
        blocks: [{ name: 'tls', attributes: { insecure: traces.insecure ?? true } }],
      },
    ],
  };
  const batch: AlloyBlock = {
    name: 'otelcol.processor.batch',
    label: 'default',
    blocks: [{ name: 'output', attributes: { traces: [ref(exporter, 'input')] } }],
  };
  const receiver: AlloyBlock = {
    name: 'otelcol.receiver.otlp',
    label: 'default',
    blocks: [
      { name: 'grpc', attributes: { endpoint: `0.0.0.0:${PORTS.otlpGrpc}` } },
      { name: 'http', attributes: { endpoint: `0.0.0.0:${PORTS.otlpHttp}` } },
      { name: 'output', attributes: { traces: [ref(batch, 'input')] } },
    ],
  };
  return [receiver, batch, exporter];
}
