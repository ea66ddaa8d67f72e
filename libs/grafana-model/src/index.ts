export * from './normalize-dashboard.js';
export * from './promql.js';
export * from './uid.js';
