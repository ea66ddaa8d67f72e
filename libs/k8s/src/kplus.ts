// The one place that names the cdk8s-plus line; moving to a newer Kubernetes minor is a change to this line only.
export * from 'cdk8s-plus-28';
