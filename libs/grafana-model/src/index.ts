export * from './normalize-dashboard.js';
export * from './panels.js';
export * from './promql.js';
export * from './uid.js';
export * from './validate-dashboard.js';
export * from './variables.js';
