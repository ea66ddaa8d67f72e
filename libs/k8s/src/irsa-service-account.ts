import type { Construct } from 'constructs';
import * as kplus from './kplus.js';
import { IRSA_ROLE_ANNOTATION } from './versions.js';
import { requireRoleArn } from './workload-settings.js';

export interface IrsaServiceAccountProps {
  readonly name: string;
  readonly namespace: string;
  /** IAM role the pods assume through IRSA (`eks.amazonaws.com/role-arn`). */
  readonly roleArn: string;
  /**
   * Mount the token into pods. cdk8s-plus defaults to false; the collectors call the Kubernetes API and AWS STS.
   * @default true
   */
  readonly automountToken?: boolean;
}

/** A ServiceAccount annotated with an IAM role for EKS IRSA; an empty or malformed role ARN is a construction error. */
export class IrsaServiceAccount extends kplus.ServiceAccount {
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: IrsaServiceAccountProps) {
    const roleArn = requireRoleArn(props.roleArn, `ServiceAccount ${props.namespace}/${props.name}`);
    super(scope, id, {
      metadata: { name: props.name, namespace: props.namespace, annotations: { [IRSA_ROLE_ANNOTATION]: roleArn } },
      automountToken: props.automountToken ?? true,
    });
    this.roleArn = roleArn;
  }
}
