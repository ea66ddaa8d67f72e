import { ApiObject, JsonPatch, Size } from 'cdk8s';
import * as kplus from './kplus.js';

/** CPU in millicores and memory in MiB; requests and limits both explicit so cdk8s-plus defaults never apply. */
export interface ResourceSpec {
  readonly cpuRequestMillis: number;
  /** @default - no CPU limit (throttling a collector loses data; memory is the limit that matters) */
  readonly cpuLimitMillis?: number;
  readonly memoryRequestMebibytes: number;
  readonly memoryLimitMebibytes: number;
}

export function containerResources(spec: ResourceSpec): kplus.ContainerResources {
  return {
    cpu: {
      request: kplus.Cpu.millis(spec.cpuRequestMillis),
      limit: spec.cpuLimitMillis ? kplus.Cpu.millis(spec.cpuLimitMillis) : undefined,
    },
    memory: { request: Size.mebibytes(spec.memoryRequestMebibytes), limit: Size.mebibytes(spec.memoryLimitMebibytes) },
  };
}

/** The recommended `app.kubernetes.io/*` labels; `name` doubles as the pod selector. */
export function recommendedLabels(name: string, component: string, partOf = 'o11y'): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': component, 'app.kubernetes.io/part-of': partOf };
}

/**
 * Selects a workload's pods by explicit labels instead of cdk8s-plus's path-derived `cdk8s.io/metadata.addr`,
 * so renaming a construct never changes an immutable selector.
 */
export function selectPodsByLabels(workload: kplus.Workload, labels: Record<string, string>): void {
  for (const [k, v] of Object.entries(labels)) workload.podMetadata.addLabel(k, v);
  workload.select(kplus.LabelSelector.of({ labels }));
  ApiObject.of(workload).addJsonPatch(JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'));
}

/** Throws when a required string prop is missing or blank, naming the construct and the prop. */
export function requireValue(value: string | undefined, construct: string, prop: string): string {
  if (value === undefined || value.trim() === '') throw new Error(`${construct}: ${prop} is required and must not be empty`);
  return value;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** Throws unless `arn` is an IAM role ARN (what the IRSA annotation needs). */
export function requireRoleArn(arn: string | undefined, construct: string, prop = 'roleArn'): string {
  const value = requireValue(arn, construct, prop);
  if (!ROLE_ARN.test(value))
    throw new Error(`${construct}: ${prop} ${JSON.stringify(value)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`);
  return value;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Throws unless `region` looks like an AWS region (us-east-1). */
export function requireRegion(region: string | undefined, construct: string, prop = 'region'): string {
  const value = requireValue(region, construct, prop);
  if (!REGION.test(value)) throw new Error(`${construct}: ${prop} ${JSON.stringify(value)} is not an AWS region such as us-east-1`);
  return value;
}

/** Container security settings every construct starts from: non-root, read-only root, no escalation. */
export const RESTRICTED_CONTAINER: kplus.ContainerSecurityContextProps = {
  ensureNonRoot: true,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  privileged: false,
};
