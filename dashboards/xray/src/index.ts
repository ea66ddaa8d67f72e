export { xrayDashboard } from './dashboard.js';
export { defaultXRayConfig, type XRayConfig } from './config.js';
export * as xrayQueries from './queries.js';
