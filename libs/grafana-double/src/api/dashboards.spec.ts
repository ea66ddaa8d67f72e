import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '../index.js';
import { client } from '../../test/client.js';

describe.each(['10.4.3', '11.6.1', '12.4.2'])('legacy dashboards API of the stand-in imitating %s', (version) => {
  let double: GrafanaDoubleProcess;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    double = await startGrafanaDouble({ version });
    api = client(double.url);
    await api.post('/api/folders', { uid: 'team', title: 'Team' });
  });
  afterAll(() => double?.stop());

  it('given a new uid, when saved, then version 1 in the chosen folder and GET returns meta', async () => {
    const saved = await api.post('/api/dashboards/db', {
      dashboard: { uid: 'new-1', title: 'New 1', tags: ['x'] },
      folderUid: 'team',
      message: 'first',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      uid: 'new-1',
      version: 1,
      status: 'success',
      url: '/d/new-1/new-1',
      slug: 'new-1',
      folderUid: 'team',
    });
    const read = await api.get('/api/dashboards/uid/new-1');
    expect(read.body.dashboard).toMatchObject({ uid: 'new-1', title: 'New 1', version: 1, id: saved.body.id });
    expect(read.body.meta).toMatchObject({ folderUid: 'team', folderTitle: 'Team', version: 1, provisioned: false });
    expect(read.body.meta.created).toMatch(/^\d{4}-/);
  });

  it('given a stale version without overwrite, when saved, then 412 version-mismatch; with overwrite it saves', async () => {
    await api.post('/api/dashboards/db', { dashboard: { uid: 'ver', title: 'Ver' } });
    await api.post('/api/dashboards/db', { dashboard: { uid: 'ver', title: 'Ver', version: 1 } });
    const stale = await api.post('/api/dashboards/db', { dashboard: { uid: 'ver', title: 'Ver', version: 1 } });
    expect(stale.status).toBe(412);
    expect(stale.body).toEqual({ message: 'The dashboard has been changed by someone else', status: 'version-mismatch' });
    const forced = await api.post('/api/dashboards/db', { dashboard: { uid: 'ver', title: 'Ver', version: 1 }, overwrite: true });
    expect(forced.status).toBe(200);
    expect(forced.body.version).toBe(3);
  });

  it('given folderUid absent, when an existing dashboard is saved, then it moves to the root folder', async () => {
    await api.post('/api/dashboards/db', { dashboard: { uid: 'mover', title: 'Mover' }, folderUid: 'team' });
    await api.post('/api/dashboards/db', { dashboard: { uid: 'mover', title: 'Mover', version: 1 } });
    const read = await api.get('/api/dashboards/uid/mover');
    expect(read.body.meta.folderUid).toBe('');
  });

  it('given bad input, when saved, then 400 for an empty title, a bad uid, a long uid, a long message, a missing folder', async () => {
    const empty = await api.post('/api/dashboards/db', { dashboard: { uid: 'e', title: '  ' } });
    expect([empty.status, empty.body]).toEqual([400, { message: 'Dashboard title cannot be empty', status: 'empty-name' }]);
    const bad = await api.post('/api/dashboards/db', { dashboard: { uid: 'bad uid!', title: 'B' } });
    expect([bad.status, bad.body.message]).toEqual([400, 'uid contains illegal characters']);
    const long = await api.post('/api/dashboards/db', { dashboard: { uid: 'a'.repeat(41), title: 'L' } });
    expect([long.status, long.body.message]).toEqual([400, 'uid too long, max 40 characters']);
    const message = await api.post('/api/dashboards/db', { dashboard: { uid: 'm', title: 'M' }, message: 'x'.repeat(501) });
    expect([message.status, message.body]).toEqual([400, { message: 'message too long, max 500 characters' }]);
    expect((await api.post('/api/dashboards/db', { dashboard: { uid: 'm', title: 'M' }, message: 'x'.repeat(500) })).status).toBe(200);
    const noFolder = await api.post('/api/dashboards/db', { dashboard: { uid: 'nf', title: 'NF' }, folderUid: 'missing' });
    expect([noFolder.status, noFolder.body]).toEqual([400, { message: 'folder not found' }]);
    const onFolder = await api.post('/api/dashboards/db', { dashboard: { uid: 'team', title: 'Not a folder' } });
    expect([onFolder.status, onFolder.body]).toEqual([400, { message: 'Dashboard cannot be changed to a folder' }]);
  });

  it('given a second dashboard with the same title in the folder, then 412 name-exists on 10.4 and accepted from 11.3', async () => {
    await api.post('/api/dashboards/db', { dashboard: { uid: 'same-a', title: 'Same' }, folderUid: 'team' });
    const second = await api.post('/api/dashboards/db', { dashboard: { uid: 'same-b', title: 'Same' }, folderUid: 'team' });
    if (version.startsWith('10.')) {
      expect(second.status).toBe(412);
      expect(second.body).toEqual({ message: 'A dashboard with the same name in the folder already exists', status: 'name-exists' });
    } else {
      expect(second.status).toBe(200);
    }
  });

  it('given saves with messages, when versions are listed, then newest first, the first one "Initial save"', async () => {
    await api.post('/api/dashboards/db', { dashboard: { uid: 'hist', title: 'Hist' }, message: 'one' });
    await api.post('/api/dashboards/db', { dashboard: { uid: 'hist', title: 'Hist', version: 1 }, message: 'two' });
    const listed = await api.get('/api/dashboards/uid/hist/versions');
    const versions = version.startsWith('10.') ? listed.body : listed.body.versions;
    if (!version.startsWith('10.')) expect(listed.body.continueToken).toBe('');
    expect(versions.map((v: { version: number; message: string }) => [v.version, v.message])).toEqual([
      [2, 'two'],
      [1, 'Initial save'],
    ]);
  });

  it('given a dashboard, when deleted, then 200 with its title and a later GET is 404', async () => {
    await api.post('/api/dashboards/db', { dashboard: { uid: 'gone', title: 'Gone' } });
    const deleted = await api.delete('/api/dashboards/uid/gone');
    const key = version.startsWith('10.') ? 'id' : 'uid';
    expect(deleted.body).toMatchObject({ title: 'Gone', message: 'Dashboard Gone deleted' });
    expect(Object.keys(deleted.body).sort()).toEqual(['message', key, 'title'].sort());
    expect((await api.get('/api/dashboards/uid/gone')).status).toBe(404);
    expect((await api.delete('/api/dashboards/uid/gone')).status).toBe(404);
  });

  it('given a provisioned dashboard (stand-in /__double/provision), when saved or deleted, then 400', async () => {
    await api.post('/__double/provision', { dashboards: [{ uid: 'prov', title: 'Prov' }] });
    expect((await api.get('/api/dashboards/uid/prov')).body.meta.provisioned).toBe(true);
    const save = await api.post('/api/dashboards/db', { dashboard: { uid: 'prov', title: 'Prov' }, overwrite: true });
    expect([save.status, save.body.message]).toEqual([400, 'Cannot save provisioned dashboard']);
    expect((await api.delete('/api/dashboards/uid/prov')).status).toBe(400);
  });
});
