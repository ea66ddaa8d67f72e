export { envoyAlerts, downstreamLatencyHigh, downstream5xxRatioHigh, noHealthyUpstream } from './rules.js';
