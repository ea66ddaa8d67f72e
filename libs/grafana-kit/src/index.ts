export * from './style.js';
export * from './promql.js';
export * from './queries.js';
export * from './variables.js';
export * from './panels.js';
export * from './dashboard.js';
