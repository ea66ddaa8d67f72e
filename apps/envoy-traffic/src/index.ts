export * from './envoy-metrics.js';
export * from './flags.js';
export * from './random.js';
export * from './server.js';
export * from './topology.js';
export * from './traffic.js';
