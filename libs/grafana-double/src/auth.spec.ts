import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from './index.js';
import { call, client, tokenWithRole } from '../test/client.js';

describe('authentication and role checks of the stand-in', () => {
  let double: GrafanaDoubleProcess;
  beforeAll(async () => {
    double = await startGrafanaDouble();
  });
  afterAll(() => double?.stop());

  it('given no credentials, a wrong password or an unknown token, then 401 with Grafana bodies', async () => {
    expect((await call(double.url, 'GET', '/api/search', undefined, 'none')).body).toEqual({
      extra: null,
      message: 'Unauthorized',
      messageId: 'auth.unauthorized',
      statusCode: 401,
      traceID: '',
    });
    const wrong = await call(double.url, 'GET', '/api/search', undefined, { basic: ['admin', 'nope'] });
    expect([wrong.status, wrong.body.messageId]).toEqual([401, 'password-auth.failed']);
    const token = await call(double.url, 'GET', '/api/search', undefined, { token: 'glsa_unknown' });
    expect([token.status, token.body.message]).toEqual([401, 'Invalid API key']);
  });

  it('given a Viewer token, then it reads dashboards but cannot save one (403 naming the permission)', async () => {
    const viewer = client(double.url, { token: await tokenWithRole(double.url, 'Viewer') });
    expect((await viewer.get('/api/search')).status).toBe(200);
    const save = await viewer.post('/api/dashboards/db', { dashboard: { title: 'V' } });
    expect(save.status).toBe(403);
    expect(save.body).toMatchObject({ title: 'Access denied', message: expect.stringContaining('dashboards:create') });
  });

  it('given an Editor token, then it saves dashboards and folders but cannot create data sources', async () => {
    const editor = client(double.url, { token: await tokenWithRole(double.url, 'Editor') });
    expect((await editor.post('/api/folders', { uid: 'ed', title: 'Ed' })).status).toBe(200);
    expect((await editor.post('/api/dashboards/db', { dashboard: { title: 'E' }, folderUid: 'ed' })).status).toBe(200);
    const ds = await editor.post('/api/datasources', { name: 'p', type: 'prometheus' });
    expect(ds.status).toBe(403);
    expect(ds.body.message).toContain('datasources:create');
  });

  it('given an Admin token, then it creates data sources; a None token cannot even search', async () => {
    const admin = client(double.url, { token: await tokenWithRole(double.url, 'Admin') });
    expect((await admin.post('/api/datasources', { name: 'p-admin', type: 'prometheus' })).status).toBe(200);
    const none = client(double.url, { token: await tokenWithRole(double.url, 'None') });
    expect((await none.get('/api/search')).status).toBe(403);
    expect((await none.get('/api/user')).status).toBe(200);
  });

  it('given a deleted token, then it no longer authenticates; an expired one is 401 api-key.expired', async () => {
    const api = client(double.url);
    const account = await api.post('/api/serviceaccounts', { name: 'short-lived', role: 'Viewer' });
    const token = await api.post(`/api/serviceaccounts/${account.body.id}/tokens`, { name: 't', secondsToLive: 1 });
    const bearer = client(double.url, { token: token.body.key });
    expect((await bearer.get('/api/search')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await bearer.get('/api/search')).body.messageId).toBe('api-key.expired');
    const second = await api.post(`/api/serviceaccounts/${account.body.id}/tokens`, { name: 't2' });
    expect((await api.delete(`/api/serviceaccounts/${account.body.id}/tokens/${second.body.id}`)).status).toBe(200);
    expect((await client(double.url, { token: second.body.key }).get('/api/search')).status).toBe(401);
  });
});

describe('Amazon Managed Grafana differences (--amg)', () => {
  let double: GrafanaDoubleProcess;
  // Made at run time: a service-account-token-shaped value never sits in the repository.
  const bootstrapToken = ['glsa', randomBytes(16).toString('hex')].join('_');
  beforeAll(async () => {
    double = await startGrafanaDouble({ amg: true, bootstrapToken });
  });
  afterAll(() => double?.stop());

  it('given --amg, then /api/health is 400 Not allowed and basic auth is off', async () => {
    const health = await call(double.url, 'GET', '/api/health', undefined, 'none');
    expect([health.status, health.body]).toEqual([400, { message: 'Not allowed' }]);
    expect((await client(double.url).get('/api/user')).status).toBe(401);
  });

  it('given the bootstrap token, then service accounts and tokens are created; their own Admin token cannot create more', async () => {
    const bootstrap = client(double.url, { token: bootstrapToken });
    expect((await bootstrap.get('/api/frontend/settings')).body.buildInfo.version).toBe('12.4.2');
    const account = await bootstrap.post('/api/serviceaccounts', { name: 'publisher', role: 'Admin' });
    expect(account.status).toBe(201);
    const token = await bootstrap.post(`/api/serviceaccounts/${account.body.id}/tokens`, { name: 'run', secondsToLive: 900 });
    const publisher = client(double.url, { token: token.body.key });
    expect((await publisher.post('/api/folders', { uid: 'amg', title: 'AMG' })).status).toBe(200);
    expect((await publisher.post('/api/serviceaccounts', { name: 'more', role: 'Admin' })).status).toBe(403);
  });
});
