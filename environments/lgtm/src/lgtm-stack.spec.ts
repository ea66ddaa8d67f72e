import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@o11y/k8s';
import { find, synth, validateCustomResource } from '@o11y/k8s/testing';
import { LgtmStack, type LgtmStackProps } from './lgtm-stack.js';

const storage = (name: string) => ({ bucket: `acme-${name}`, roleArn: `arn:aws:iam::111122223333:role/${name}` });
const props: LgtmStackProps = { region: 'eu-west-1', loki: storage('loki'), mimir: storage('mimir'), tempo: storage('tempo') };

function applications(extra: Partial<LgtmStackProps> = {}) {
  const objects = synth((chart) => new LgtmStack(chart, 'lgtm', { ...props, ...extra }));
  const app = (name: string) => find(objects, 'Application', name) as KubeObject & { spec: any };
  return { objects, app, values: (name: string) => app(name).spec.source.helm.valuesObject };
}

describe('LgtmStack', () => {
  it('points Argo CD at the upstream charts with S3 storage and IRSA service accounts', () => {
    // given / when
    const { app, values } = applications();
    // then
    expect(app('loki').spec.source).toMatchObject({ repoURL: 'https://grafana.github.io/helm-charts', chart: 'loki' });
    expect(values('loki').loki.storage).toMatchObject({ type: 's3', bucketNames: { chunks: 'acme-loki' }, s3: { region: 'eu-west-1' } });
    expect(values('mimir').mimir.structuredConfig.common.storage.s3).toMatchObject({ bucket_name: 'acme-mimir', region: 'eu-west-1' });
    expect(values('tempo').tempo.storage.trace).toMatchObject({ backend: 's3', s3: { bucket: 'acme-tempo' } });
    for (const name of ['loki', 'mimir', 'tempo']) {
      expect(values(name).serviceAccount.annotations).toEqual({ 'eks.amazonaws.com/role-arn': `arn:aws:iam::111122223333:role/${name}` });
    }
  });

  it('keeps WALs and Grafana on the EBS gp3 class it creates, Grafana on 2Gi', () => {
    // given / when
    const { objects, values } = applications();
    // then
    expect(find(objects, 'StorageClass', 'gp3')).toMatchObject({
      provisioner: 'ebs.csi.aws.com',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    expect(values('loki').singleBinary.persistence).toEqual({ enabled: true, storageClass: 'gp3', size: '10Gi' });
    expect(values('mimir').ingester.persistentVolume).toMatchObject({ enabled: true, storageClass: 'gp3' });
    expect(values('tempo').persistence).toMatchObject({ enabled: true, storageClassName: 'gp3' });
    expect(values('grafana').persistence).toEqual({ enabled: true, type: 'pvc', storageClassName: 'gp3', size: '2Gi' });
  });

  it('switches to the distributed charts', () => {
    // given / when
    const single = applications();
    const distributed = applications({ mode: 'distributed' });
    // then
    expect(single.app('tempo').spec.source.chart).toBe('tempo');
    expect(distributed.app('tempo').spec.source.chart).toBe('tempo-distributed');
    expect(single.values('loki').deploymentMode).toBe('SingleBinary');
    expect(distributed.values('loki').deploymentMode).toBe('SimpleScalable');
    expect(distributed.values('loki').write.replicas).toBe(3);
    expect(single.values('mimir').ingester).toMatchObject({ replicas: 1, zoneAwareReplication: { enabled: false } });
    expect(distributed.values('mimir').ingester).toMatchObject({ replicas: 3, zoneAwareReplication: { enabled: true } });
  });

  it('emits Applications the vendored Argo CD CRD accepts', () => {
    // given / when
    const { objects } = applications({ mode: 'distributed', provisionGrafanaDatasources: true });
    // then
    for (const application of objects.filter((o) => o.kind === 'Application')) expect(validateCustomResource(application)).toEqual([]);
  });

  it('rejects a missing bucket or role ARN', () => {
    // given / when / then
    expect(() => applications({ tempo: { bucket: '', roleArn: storage('tempo').roleArn } })).toThrow(/tempo.bucket is required/);
    expect(() => applications({ mimir: { bucket: 'b', roleArn: '' } })).toThrow(/mimir.roleArn is required/);
  });
});
