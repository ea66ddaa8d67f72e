import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '../index.js';
import { client } from '../../test/client.js';

describe.each([
  ['12.4.2', 'v1beta1'],
  ['13.0.2', 'v1'],
])('/apis views of the stand-in imitating %s (%s)', (version, apiVersion) => {
  let double: GrafanaDoubleProcess;
  let api: ReturnType<typeof client>;
  const dashboards = `/apis/dashboard.grafana.app/${apiVersion}/namespaces/default/dashboards`;
  const folders = `/apis/folder.grafana.app/${apiVersion}/namespaces/default/folders`;
  beforeAll(async () => {
    double = await startGrafanaDouble({ version });
    api = client(double.url);
  });
  afterAll(() => double?.stop());

  it('given a folder and dashboard created through /apis, then the legacy API reads them, with annotations kept as given', async () => {
    const folder = await api.post(folders, {
      metadata: { name: 'k8s-folder', annotations: { 'grafana.app/managedBy': 'o11y' } },
      spec: { title: 'K8s Folder' },
    });
    expect(folder.status).toBe(201);
    const created = await api.post(dashboards, {
      metadata: {
        name: 'k8s-dash',
        annotations: { 'grafana.app/folder': 'k8s-folder', 'grafana.app/managedBy': 'o11y', 'grafana.app/managerId': 'repo-1' },
        labels: { team: 'a' },
      },
      spec: { title: 'K8s Dash', panels: [] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      apiVersion: `dashboard.grafana.app/${apiVersion}`,
      kind: 'Dashboard',
      metadata: { name: 'k8s-dash', generation: 1, labels: { team: 'a' } },
    });
    expect(created.body.metadata.annotations).toMatchObject({
      'grafana.app/folder': 'k8s-folder',
      'grafana.app/managedBy': 'o11y',
      'grafana.app/managerId': 'repo-1',
    });
    const legacy = await api.get('/api/dashboards/uid/k8s-dash');
    expect(legacy.body.meta.folderUid).toBe('k8s-folder');
    expect(legacy.body.dashboard).toMatchObject({ uid: 'k8s-dash', title: 'K8s Dash', version: 1 });
    expect((await api.get('/api/folders/k8s-folder')).body.title).toBe('K8s Folder');
  });

  it('given a legacy save, then /apis reads the new generation and the annotations survive', async () => {
    await api.post('/api/dashboards/db', { dashboard: { uid: 'k8s-dash', title: 'Renamed', version: 1 }, folderUid: 'k8s-folder' });
    const read = await api.get(`${dashboards}/k8s-dash`);
    expect(read.body.spec.title).toBe('Renamed');
    expect(read.body.metadata.generation).toBe(2);
    expect(read.body.metadata.annotations['grafana.app/managedBy']).toBe('o11y');
    expect((await api.get(dashboards)).body.items.map((item: { metadata: { name: string } }) => item.metadata.name)).toContain('k8s-dash');
  });

  it('given a stale resourceVersion, when updated, then 409 Conflict; the current one updates', async () => {
    const current = (await api.get(`${dashboards}/k8s-dash`)).body;
    const ok = await api.put(`${dashboards}/k8s-dash`, { ...current, spec: { ...current.spec, title: 'Updated' } });
    expect(ok.status).toBe(200);
    const stale = await api.put(`${dashboards}/k8s-dash`, { ...current, spec: { ...current.spec, title: 'Stale' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Operation cannot be fulfilled on dashboards.dashboard.grafana.app "k8s-dash": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      details: { name: 'k8s-dash', group: 'dashboard.grafana.app', kind: 'dashboards' },
      code: 409,
    });
    const exists = await api.post(dashboards, { metadata: { name: 'k8s-dash' }, spec: { title: 'Again' } });
    expect([exists.status, exists.body.reason]).toEqual([409, 'AlreadyExists']);
  });

  it('given a kubectl-managed dashboard, then its manager identity and kind are fixed (403) and a repo manager is refused', async () => {
    const managed = { 'grafana.app/managedBy': 'kubectl', 'grafana.app/managerId': 'o11y-prod' };
    expect((await api.post(dashboards, { metadata: { name: 'managed', annotations: managed }, spec: { title: 'Managed' } })).status).toBe(
      201,
    );
    const current = (await api.get(`${dashboards}/managed`)).body;
    const withAnnotations = (annotations: Record<string, string>) => ({ ...current, metadata: { ...current.metadata, annotations } });
    const otherId = await api.put(`${dashboards}/managed`, withAnnotations({ ...managed, 'grafana.app/managerId': 'someone-else' }));
    expect([otherId.status, otherId.body.reason, otherId.body.message]).toEqual([
      403,
      'Forbidden',
      'Cannot change resource manager identity; remove the existing manager first, then add the new one',
    ]);
    const otherKind = await api.put(`${dashboards}/managed`, withAnnotations({ ...managed, 'grafana.app/managedBy': 'terraform' }));
    expect(otherKind.status).toBe(403);
    const repo = await api.post(dashboards, {
      metadata: { name: 'repo-owned', annotations: { 'grafana.app/managedBy': 'repo', 'grafana.app/managerId': 'r' } },
      spec: { title: 'Repo' },
    });
    expect(repo.status).toBe(403);
    const same = await api.put(`${dashboards}/managed`, withAnnotations(managed));
    expect(same.status).toBe(200);
  });

  it('given a label selector and a limit, then the list filters and pages with continue', async () => {
    await api.post(dashboards, { metadata: { name: 'page-a', labels: { team: 'b' } }, spec: { title: 'Page A' } });
    await api.post(dashboards, { metadata: { name: 'page-b', labels: { team: 'b' } }, spec: { title: 'Page B' } });
    const first = await api.get(`${dashboards}?labelSelector=team%3Db&limit=1`);
    expect(first.body.items.map((item: { metadata: { name: string } }) => item.metadata.name)).toEqual(['page-a']);
    const second = await api.get(`${dashboards}?labelSelector=team%3Db&limit=1&continue=${first.body.metadata.continue}`);
    expect(second.body.items.map((item: { metadata: { name: string } }) => item.metadata.name)).toEqual(['page-b']);
    expect(second.body.metadata.continue).toBeUndefined();
  });

  it('given a dashboard deleted through /apis, then the legacy API answers 404', async () => {
    expect((await api.delete(`${dashboards}/page-a`)).status).toBe(200);
    expect((await api.get('/api/dashboards/uid/page-a')).status).toBe(404);
    expect((await api.get(`${dashboards}/page-a`)).body.reason).toBe('NotFound');
  });
});

describe('/apis before 12', () => {
  it('given 11.6, then /apis/dashboard.grafana.app is absent (404)', async () => {
    const double = await startGrafanaDouble({ version: '11.6.1' });
    try {
      expect((await client(double.url).get('/apis/dashboard.grafana.app/v1beta1/namespaces/default/dashboards')).status).toBe(404);
    } finally {
      await double.stop();
    }
  });
});
