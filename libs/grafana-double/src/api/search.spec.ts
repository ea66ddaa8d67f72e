import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '../index.js';
import { client } from '../../test/client.js';

describe('search API of the stand-in', () => {
  let double: GrafanaDoubleProcess;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    double = await startGrafanaDouble();
    api = client(double.url);
    await api.post('/api/folders', { uid: 'ops', title: 'Ops' });
    await api.post('/api/dashboards/db', { dashboard: { uid: 'cpu', title: 'CPU', tags: ['managed-by:o11y', 'infra'] }, folderUid: 'ops' });
    await api.post('/api/dashboards/db', { dashboard: { uid: 'mem', title: 'Memory', tags: ['managed-by:o11y'] } });
    await api.post('/api/dashboards/db', { dashboard: { uid: 'disk', title: 'Disk', tags: [] } });
  });
  afterAll(() => double?.stop());

  const uids = (body: { uid: string }[]) => body.map((hit) => hit.uid);

  it('given type filters, then folders or dashboards only', async () => {
    expect(uids((await api.get('/api/search?type=dash-folder')).body)).toEqual(['ops']);
    expect(uids((await api.get('/api/search?type=dash-db')).body)).toEqual(['cpu', 'disk', 'mem']);
  });

  it('given tags, then every tag must match', async () => {
    expect(uids((await api.get('/api/search?tag=managed-by:o11y')).body)).toEqual(['cpu', 'mem']);
    expect(uids((await api.get('/api/search?tag=managed-by:o11y&tag=infra')).body)).toEqual(['cpu']);
  });

  it('given query, folderUIDs and dashboardUIDs, then results narrow', async () => {
    expect(uids((await api.get('/api/search?query=mem')).body)).toEqual(['mem']);
    expect(uids((await api.get('/api/search?folderUIDs=ops&type=dash-db')).body)).toEqual(['cpu']);
    expect(uids((await api.get('/api/search?dashboardUIDs=disk,mem')).body)).toEqual(['disk', 'mem']);
    const hit = (await api.get('/api/search?dashboardUIDs=cpu')).body[0];
    expect(hit).toMatchObject({ type: 'dash-db', folderUid: 'ops', folderTitle: 'Ops', url: '/d/cpu/cpu' });
  });

  it('given limit and page, then pages of that size', async () => {
    expect(uids((await api.get('/api/search?type=dash-db&limit=2&page=1')).body)).toEqual(['cpu', 'disk']);
    expect(uids((await api.get('/api/search?type=dash-db&limit=2&page=2')).body)).toEqual(['mem']);
  });
});
