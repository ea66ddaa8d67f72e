/**
 * Where the local stack listens: the environment's data sources and Grafana point here, and `npm run preview`
 * starts its Prometheus on the same address, so the two cannot disagree.
 */
export const LOCAL_ENDPOINTS = {
  prometheus: 'http://localhost:9090',
  loki: 'http://localhost:3100',
  tempo: 'http://localhost:3200',
  grafana: 'http://localhost:3000',
  alertWebhook: 'http://localhost:9094/alerts',
} as const;

/** host:port to listen on for one of the endpoints (`localhost` as the loopback address). */
export function listenAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname === 'localhost' ? '127.0.0.1' : parsed.hostname}:${parsed.port}`;
}
