import { IRSA_ROLE_ANNOTATION } from '@o11y/k8s';

/**
 * Typed subsets of the upstream Grafana Helm charts' values: only the keys this toolkit sets, named as the charts
 * name them, so a typo is a compile error instead of a silently ignored value. The chart versions are pinned in
 * HELM_CHARTS (upstream-charts.ts); the names are checked in the tests against those read from each chart's values.yaml
 * (helm-values/<chart>-<version>.json, which records the upstream commit), so adding a key means vendoring it.
 */

/** Single binary for small clusters; distributed (loki simple-scalable, mimir with zone-aware ingesters, tempo-distributed) to scale out. */
export type LgtmMode = 'single-binary' | 'distributed';

/** One backend's S3 bucket and the IAM role its pods assume through IRSA. */
export interface ObjectStorage {
  readonly bucket: string;
  readonly roleArn: string;
}

export interface PersistentVolumeValues {
  readonly enabled: boolean;
  readonly storageClass: string;
  readonly size: string;
}

export interface ServiceAccountValues {
  readonly create: boolean;
  readonly name: string;
  readonly annotations: Readonly<Record<string, string>>;
}

/** Settings every backend's values are derived from. */
export interface BackendContext {
  readonly mode: LgtmMode;
  readonly region: string;
  readonly storage: ObjectStorage;
  readonly storageClass: string;
  readonly serviceAccountName: string;
}

const s3Endpoint = (region: string) => `s3.${region}.amazonaws.com`;
const irsa = (ctx: BackendContext): ServiceAccountValues => ({
  create: true,
  name: ctx.serviceAccountName,
  annotations: { [IRSA_ROLE_ANNOTATION]: ctx.storage.roleArn },
});

// ---- Loki (chart `loki` 6.46.0; names in helm-values/loki-6.46.0.json) ----------------------------------

export interface LokiValues {
  readonly deploymentMode: 'SingleBinary' | 'SimpleScalable';
  readonly serviceAccount: ServiceAccountValues;
  readonly loki: {
    readonly auth_enabled: boolean;
    readonly commonConfig: { readonly replication_factor: number };
    readonly schemaConfig: {
      readonly configs: readonly {
        readonly from: string;
        readonly store: 'tsdb';
        readonly object_store: 's3';
        readonly schema: 'v13';
        readonly index: { readonly prefix: string; readonly period: '24h' };
      }[];
    };
    readonly storage: {
      readonly type: 's3';
      readonly bucketNames: { readonly chunks: string; readonly ruler: string; readonly admin: string };
      readonly s3: { readonly region: string; readonly endpoint: string };
    };
  };
  readonly singleBinary: { readonly replicas: number; readonly persistence: PersistentVolumeValues };
  readonly write: { readonly replicas: number; readonly persistence?: { readonly storageClass: string; readonly size: string } };
  readonly read: { readonly replicas: number };
  readonly backend: { readonly replicas: number; readonly persistence?: { readonly storageClass: string; readonly size: string } };
  readonly chunksCache: { readonly enabled: boolean; readonly allocatedMemory: number };
  readonly resultsCache: { readonly enabled: boolean; readonly allocatedMemory: number };
  readonly gateway: { readonly enabled: boolean };
  readonly minio: { readonly enabled: boolean };
}

export function lokiValues(ctx: BackendContext): LokiValues {
  const distributed = ctx.mode === 'distributed';
  return {
    deploymentMode: distributed ? 'SimpleScalable' : 'SingleBinary',
    serviceAccount: irsa(ctx),
    loki: {
      auth_enabled: false,
      commonConfig: { replication_factor: distributed ? 3 : 1 },
      schemaConfig: {
        configs: [
          { from: '2024-04-01', store: 'tsdb', object_store: 's3', schema: 'v13', index: { prefix: 'loki_index_', period: '24h' } },
        ],
      },
      // One bucket, separated by Loki's own prefixes; the role needs s3:GetObject/PutObject/DeleteObject/ListBucket on it.
      storage: {
        type: 's3',
        bucketNames: { chunks: ctx.storage.bucket, ruler: ctx.storage.bucket, admin: ctx.storage.bucket },
        s3: { region: ctx.region, endpoint: s3Endpoint(ctx.region) },
      },
    },
    // The WAL lives on an EBS volume so an ingesting pod's restart loses no acknowledged logs.
    singleBinary: { replicas: distributed ? 0 : 1, persistence: { enabled: !distributed, storageClass: ctx.storageClass, size: '10Gi' } },
    write: distributed ? { replicas: 3, persistence: { storageClass: ctx.storageClass, size: '10Gi' } } : { replicas: 0 },
    read: { replicas: distributed ? 3 : 0 },
    backend: distributed ? { replicas: 3, persistence: { storageClass: ctx.storageClass, size: '10Gi' } } : { replicas: 0 },
    // The chart's default chunks cache asks for 8 GiB; size it to the mode instead.
    chunksCache: { enabled: true, allocatedMemory: distributed ? 4096 : 1024 },
    resultsCache: { enabled: true, allocatedMemory: distributed ? 1024 : 256 },
    gateway: { enabled: true },
    minio: { enabled: false },
  };
}

// ---- Mimir (chart `mimir-distributed` 6.0.6; names in helm-values/mimir-distributed-6.0.6.json) -----------

export interface MimirComponentValues {
  readonly replicas: number;
  readonly zoneAwareReplication?: { readonly enabled: boolean };
  readonly persistentVolume?: PersistentVolumeValues;
}

export interface MimirValues {
  readonly serviceAccount: ServiceAccountValues;
  readonly mimir: {
    readonly structuredConfig: {
      readonly common: {
        readonly storage: {
          readonly backend: 's3';
          readonly s3: { readonly endpoint: string; readonly region: string; readonly bucket_name: string };
        };
      };
      readonly blocks_storage: { readonly storage_prefix: string };
      readonly alertmanager_storage: { readonly storage_prefix: string };
      readonly ruler_storage: { readonly storage_prefix: string };
      readonly ingester: { readonly ring: { readonly replication_factor: number } };
    };
  };
  readonly ingester: MimirComponentValues;
  readonly store_gateway: MimirComponentValues;
  readonly alertmanager: MimirComponentValues;
  readonly distributor: MimirComponentValues;
  readonly querier: MimirComponentValues;
  readonly query_frontend: MimirComponentValues;
  readonly compactor: MimirComponentValues;
  readonly ruler: MimirComponentValues;
  readonly gateway: { readonly enabledNonEnterprise: boolean };
  readonly minio: { readonly enabled: boolean };
}

export function mimirValues(ctx: BackendContext): MimirValues {
  const distributed = ctx.mode === 'distributed';
  const n = distributed ? 3 : 1;
  const zones = { enabled: distributed };
  const volume = (size: string): PersistentVolumeValues => ({ enabled: true, storageClass: ctx.storageClass, size });
  return {
    serviceAccount: irsa(ctx),
    mimir: {
      structuredConfig: {
        common: {
          storage: { backend: 's3', s3: { endpoint: s3Endpoint(ctx.region), region: ctx.region, bucket_name: ctx.storage.bucket } },
        },
        // Mimir refuses one bucket for several stores unless each has its own prefix.
        blocks_storage: { storage_prefix: 'blocks' },
        alertmanager_storage: { storage_prefix: 'alertmanager' },
        ruler_storage: { storage_prefix: 'ruler' },
        ingester: { ring: { replication_factor: n } },
      },
    },
    // Ingester WAL and TSDB head on EBS.
    ingester: { replicas: n, zoneAwareReplication: zones, persistentVolume: volume(distributed ? '50Gi' : '20Gi') },
    store_gateway: { replicas: n, zoneAwareReplication: zones, persistentVolume: volume('10Gi') },
    alertmanager: { replicas: 1, zoneAwareReplication: { enabled: false }, persistentVolume: volume('1Gi') },
    distributor: { replicas: distributed ? 2 : 1 },
    querier: { replicas: distributed ? 2 : 1 },
    query_frontend: { replicas: 1 },
    compactor: { replicas: 1, persistentVolume: volume('20Gi') },
    ruler: { replicas: 1 },
    gateway: { enabledNonEnterprise: true },
    minio: { enabled: false },
  };
}

// ---- Tempo (chart `tempo` 1.24.0 single binary, or `tempo-distributed` 1.57.0; names in helm-values/) ------

interface TempoS3 {
  readonly backend: 's3';
  readonly s3: { readonly bucket: string; readonly endpoint: string; readonly region: string };
}

export interface TempoSingleBinaryValues {
  readonly serviceAccount: ServiceAccountValues;
  readonly replicas: 1;
  readonly tempo: {
    readonly storage: { readonly trace: TempoS3 & { readonly wal: { readonly path: string } } };
    readonly receivers: {
      readonly otlp: { readonly protocols: { readonly grpc: { readonly endpoint: string }; readonly http: { readonly endpoint: string } } };
    };
  };
  readonly persistence: { readonly enabled: boolean; readonly storageClassName: string; readonly size: string };
}

export interface TempoDistributedValues {
  readonly serviceAccount: ServiceAccountValues;
  readonly storage: { readonly trace: TempoS3 };
  readonly traces: { readonly otlp: { readonly grpc: { readonly enabled: boolean }; readonly http: { readonly enabled: boolean } } };
  readonly ingester: {
    readonly replicas: number;
    readonly persistence: { readonly enabled: boolean; readonly storageClass: string; readonly size: string };
  };
  readonly distributor: { readonly replicas: number };
  readonly querier: { readonly replicas: number };
  readonly memcached: { readonly enabled: boolean };
}

export function tempoValues(ctx: BackendContext): TempoSingleBinaryValues | TempoDistributedValues {
  const s3: TempoS3 = { backend: 's3', s3: { bucket: ctx.storage.bucket, endpoint: s3Endpoint(ctx.region), region: ctx.region } };
  if (ctx.mode === 'single-binary') {
    return {
      serviceAccount: irsa(ctx),
      replicas: 1,
      tempo: {
        storage: { trace: { ...s3, wal: { path: '/var/tempo/wal' } } },
        receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } } },
      },
      persistence: { enabled: true, storageClassName: ctx.storageClass, size: '10Gi' },
    };
  }
  return {
    serviceAccount: irsa(ctx),
    storage: { trace: s3 },
    traces: { otlp: { grpc: { enabled: true }, http: { enabled: true } } },
    ingester: { replicas: 3, persistence: { enabled: true, storageClass: ctx.storageClass, size: '10Gi' } },
    distributor: { replicas: 2 },
    querier: { replicas: 2 },
    memcached: { enabled: true },
  };
}

// ---- Grafana (chart `grafana` 10.1.4; names in helm-values/grafana-10.1.4.json) -----------------------------

export interface GrafanaDatasourceValue {
  readonly name: string;
  readonly uid: string;
  readonly type: 'prometheus' | 'loki' | 'tempo';
  readonly url: string;
  readonly access: 'proxy';
  readonly isDefault?: boolean;
  readonly jsonData?: Readonly<Record<string, unknown>>;
}

export interface GrafanaValues {
  readonly persistence: { readonly enabled: boolean; readonly type: 'pvc'; readonly storageClassName: string; readonly size: string };
  /** The admin password comes from a Secret created outside Git. */
  readonly admin: { readonly existingSecret: string; readonly userKey: string; readonly passwordKey: string };
  readonly datasources?: {
    readonly 'datasources.yaml': { readonly apiVersion: 1; readonly datasources: readonly GrafanaDatasourceValue[] };
  };
}

export function grafanaValues(options: {
  storageClass: string;
  adminSecret: string;
  datasources: readonly GrafanaDatasourceValue[];
}): GrafanaValues {
  return {
    persistence: { enabled: true, type: 'pvc', storageClassName: options.storageClass, size: '2Gi' },
    admin: { existingSecret: options.adminSecret, userKey: 'admin-user', passwordKey: 'admin-password' },
    ...(options.datasources.length ? { datasources: { 'datasources.yaml': { apiVersion: 1, datasources: options.datasources } } } : {}),
  };
}
