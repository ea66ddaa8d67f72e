/** Test stand-ins (not AWS): the AMG control plane, run as a process against a grafana-double started with --amg. */
export * from './control-plane-standin.js';
export * from './start-control-plane-standin.js';
export * from './start-amg-standins.js';
