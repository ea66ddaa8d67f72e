import { objectBody, type Router } from '../http.js';
import { addDataSource } from './datasources.js';
import { saveDashboard } from './dashboards.js';
import type { DoubleRequest } from '../request-record.js';

/** Stand-in only: the request log and a way to create what Grafana would have provisioned from files. */
export function registerDoubleRoutes(router: Router, log: DoubleRequest[]): void {
  router.add('GET', '/__double/requests', 'public', () => ({ status: 200, body: log }));
  router.add('DELETE', '/__double/requests', 'public', () => {
    log.length = 0;
    return { status: 204 };
  });
  // file provisioning stand-in: data sources become readOnly, dashboards provisioned
  router.add('POST', '/__double/provision', 'public', (ctx) => {
    const body = objectBody(ctx);
    const admin = {
      ...ctx,
      identity: { kind: 'user' as const, id: 1, login: 'admin', name: '', role: 'Admin' as const, isGrafanaAdmin: true },
    };
    for (const ds of (Array.isArray(body.datasources) ? body.datasources : []) as Record<string, unknown>[]) addDataSource(admin, ds, true);
    for (const dashboard of (Array.isArray(body.dashboards) ? body.dashboards : []) as Record<string, unknown>[]) {
      const saved = saveDashboard(admin, { dashboard, folderUid: null, overwrite: true, message: 'provisioned' });
      ctx.db.prepare('UPDATE dashboards SET provisioned = 1 WHERE uid = ?').run(saved.uid);
    }
    return { status: 200, body: { message: 'provisioned' } };
  });
}
