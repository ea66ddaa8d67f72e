import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '../index.js';
import { client } from '../../test/client.js';

describe('data sources API of the stand-in', () => {
  let double: GrafanaDoubleProcess;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    double = await startGrafanaDouble();
    api = client(double.url);
  });
  afterAll(() => double?.stop());

  const prometheus = {
    uid: 'prom',
    name: 'Prometheus',
    type: 'prometheus',
    access: 'proxy',
    url: 'http://prometheus:9090',
    basicAuth: true,
    basicAuthUser: 'u',
    secureJsonData: { basicAuthPassword: 's3cret' },
  };

  it('given secureJsonData, when created and read, then only secureJsonFields come back, never the value', async () => {
    const created = await api.post('/api/datasources', prometheus);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      message: 'Datasource added',
      name: 'Prometheus',
      datasource: { uid: 'prom', secureJsonFields: { basicAuthPassword: true } },
    });
    const read = await api.get('/api/datasources/uid/prom');
    expect(JSON.stringify(read.body)).not.toContain('s3cret');
    expect(JSON.stringify((await api.get('/api/datasources')).body)).not.toContain('s3cret');
    expect(read.body).toMatchObject({
      uid: 'prom',
      type: 'prometheus',
      secureJsonFields: { basicAuthPassword: true },
      version: 1,
      readOnly: false,
    });
  });

  it('given a stored secret, when PUT omits it then it is kept, when PUT sends "" then it is cleared', async () => {
    const kept = await api.put('/api/datasources/uid/prom', { ...prometheus, secureJsonData: undefined, jsonData: { httpMethod: 'POST' } });
    expect(kept.body.datasource.secureJsonFields).toEqual({ basicAuthPassword: true });
    expect(kept.body.datasource.version).toBe(2);
    const cleared = await api.put('/api/datasources/uid/prom', { ...prometheus, secureJsonData: { basicAuthPassword: '' } });
    expect(cleared.body.datasource.secureJsonFields).toEqual({});
  });

  it('given an existing name or uid, when created, then 409', async () => {
    const sameName = await api.post('/api/datasources', { ...prometheus, uid: 'other' });
    expect([sameName.status, sameName.body.message]).toEqual([409, 'data source with the same name already exists']);
    const sameUid = await api.post('/api/datasources', { ...prometheus, name: 'Other' });
    expect([sameUid.status, sameUid.body.message]).toEqual([409, 'data source with the same uid already exists']);
  });

  it('given a stale version on PUT, then 409; a newer version forces the update; a taken name is 409', async () => {
    const stored = (await api.get('/api/datasources/uid/prom')).body.version as number;
    const stale = await api.put('/api/datasources/uid/prom', { ...prometheus, version: stored - 1 });
    expect([stale.status, stale.body.message]).toEqual([
      409,
      'Datasource has already been updated by someone else. Please reload and try again',
    ]);
    const forced = await api.put('/api/datasources/uid/prom', { ...prometheus, version: stored + 5 });
    expect([forced.status, forced.body.datasource.version]).toEqual([200, stored + 6]);
    await api.post('/api/datasources', { uid: 'taken', name: 'Taken', type: 'loki' });
    const clash = await api.put('/api/datasources/uid/prom', { ...prometheus, name: 'Taken' });
    expect([clash.status, clash.body.message]).toEqual([409, 'Failed to update datasource: data source with the same name already exists']);
  });

  it('given an unknown plugin type, when created, then accepted (as Grafana does) but its health is 404 plugin not found', async () => {
    const created = await api.post('/api/datasources', { uid: 'xray', name: 'X-Ray', type: 'grafana-x-ray-datasource', access: 'proxy' });
    expect(created.status).toBe(200);
    expect((await api.get('/api/datasources/uid/xray/health')).status).toBe(404);
    expect((await api.get('/api/plugins/grafana-amazonprometheus-datasource/settings')).status).toBe(200);
  });

  it('given a provisioned (readOnly) data source, when updated or deleted, then 403', async () => {
    await api.post('/__double/provision', { datasources: [{ uid: 'ro', name: 'RO', type: 'loki', url: 'http://loki' }] });
    expect((await api.get('/api/datasources/uid/ro')).body.readOnly).toBe(true);
    const update = await api.put('/api/datasources/uid/ro', { name: 'RO', type: 'loki' });
    expect([update.status, update.body.message]).toEqual([403, 'Cannot update read-only data source']);
    expect((await api.delete('/api/datasources/uid/ro')).status).toBe(403);
  });

  it('given a data source, when deleted, then 404 afterwards', async () => {
    await api.post('/api/datasources', { uid: 'tmp', name: 'Tmp', type: 'tempo' });
    expect((await api.delete('/api/datasources/uid/tmp')).status).toBe(200);
    expect((await api.get('/api/datasources/uid/tmp')).body).toEqual({ message: 'Data source not found' });
  });
});

describe('plugin types per imitated version', () => {
  it('given 11.6, then grafana-amazonprometheus-datasource does not exist; a data source of that type is still accepted', async () => {
    const double = await startGrafanaDouble({ version: '11.6.1' });
    try {
      const api = client(double.url);
      expect((await api.get('/api/plugins/grafana-amazonprometheus-datasource/settings')).status).toBe(404);
      expect((await api.post('/api/datasources', { uid: 'amp', name: 'AMP', type: 'grafana-amazonprometheus-datasource' })).status).toBe(
        200,
      );
      expect((await api.get('/api/datasources/uid/amp/health')).status).toBe(404);
    } finally {
      await double.stop();
    }
  });
});
