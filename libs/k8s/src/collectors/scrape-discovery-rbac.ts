import { Construct } from 'constructs';
import * as kplus from '../kplus.js';

export interface ScrapeDiscoveryRbacProps {
  /** Name of the ClusterRole and its ClusterRoleBinding. */
  readonly name: string;
  readonly serviceAccount: kplus.IServiceAccount;
  readonly labels?: Record<string, string>;
  /** Read access besides discovery's, e.g. namespaces for a scraper that also tails logs. @default - none */
  readonly alsoRead?: readonly kplus.IApiEndpoint[];
}

const READ = ['get', 'list', 'watch'];

/**
 * Read access a Prometheus-style scraper needs for Kubernetes service discovery (rbac.authorization.k8s.io/v1;
 * the recipes' v1beta1 and `extensions` ingresses are gone from every supported cluster).
 */
export class ScrapeDiscoveryRbac extends Construct {
  public readonly clusterRole: kplus.ClusterRole;
  public readonly binding: kplus.ClusterRoleBinding;

  constructor(scope: Construct, id: string, props: ScrapeDiscoveryRbacProps) {
    super(scope, id);
    const metadata = { name: props.name, labels: props.labels };
    this.clusterRole = new kplus.ClusterRole(this, 'role', { metadata });
    this.clusterRole.allow(
      READ,
      kplus.ApiResource.NODES,
      kplus.ApiResource.custom({ apiGroup: '', resourceType: 'nodes/proxy' }),
      kplus.ApiResource.custom({ apiGroup: '', resourceType: 'nodes/metrics' }),
      kplus.ApiResource.SERVICES,
      kplus.ApiResource.ENDPOINTS,
      kplus.ApiResource.PODS,
      kplus.ApiResource.ENDPOINT_SLICES,
      kplus.ApiResource.INGRESSES,
      ...(props.alsoRead ?? []),
    );
    this.clusterRole.allow(['get'], kplus.NonApiResource.of('/metrics'));
    this.binding = new kplus.ClusterRoleBinding(this, 'binding', { metadata, role: this.clusterRole });
    this.binding.addSubjects(props.serviceAccount);
  }
}
