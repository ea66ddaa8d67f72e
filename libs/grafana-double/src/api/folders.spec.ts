import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '../index.js';
import { client } from '../../test/client.js';

describe('folders API of the stand-in (12.4, nested folders)', () => {
  let double: GrafanaDoubleProcess;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    double = await startGrafanaDouble();
    api = client(double.url);
  });
  afterAll(() => double?.stop());

  it('given a uid, when created twice, then the second is 409; bad and reserved uids are 400', async () => {
    expect((await api.post('/api/folders', { uid: 'dup', title: 'Dup' })).status).toBe(200);
    const again = await api.post('/api/folders', { uid: 'dup', title: 'Dup 2' });
    expect([again.status, again.body.message]).toEqual([409, 'a folder/dashboard with the same uid already exists']);
    expect((await api.post('/api/folders', { uid: 'no spaces', title: 'X' })).status).toBe(400);
    expect((await api.post('/api/folders', { uid: 'general', title: 'X' })).status).toBe(400);
    expect((await api.post('/api/folders', { uid: 'notitle', title: '' })).status).toBe(400);
  });

  it('given no uid, when created, then a generated uid is returned', async () => {
    const created = await api.post('/api/folders', { title: 'Generated' });
    expect(created.body.uid).toMatch(/^[a-z][a-z0-9]{13}$/);
  });

  it('given a folder, when updated with a stale version then 412, with the right version or overwrite then 200', async () => {
    await api.post('/api/folders', { uid: 'upd', title: 'Upd' });
    const stale = await api.put('/api/folders/upd', { title: 'Upd 2', version: 7 });
    expect(stale.status).toBe(412);
    expect(stale.body.status).toBe('version-mismatch');
    const ok = await api.put('/api/folders/upd', { title: 'Upd 2', version: 1 });
    expect([ok.status, ok.body.version, ok.body.title]).toEqual([200, 2, 'Upd 2']);
    const forced = await api.put('/api/folders/upd', { title: 'Upd 3', overwrite: true });
    expect(forced.body.version).toBe(3);
  });

  it('given nested folders, when moved, then parents follow; moving under a descendant is refused', async () => {
    await api.post('/api/folders', { uid: 'top', title: 'Top' });
    await api.post('/api/folders', { uid: 'child', title: 'Child', parentUid: 'top' });
    await api.post('/api/folders', { uid: 'other', title: 'Other' });
    expect((await api.get('/api/folders?parentUid=top')).body.map((f: { uid: string }) => f.uid)).toEqual(['child']);
    const moved = await api.post('/api/folders/child/move', { parentUid: 'other' });
    expect(moved.body.parentUid).toBe('other');
    expect((await api.get('/api/folders/child')).body.parents.map((f: { uid: string }) => f.uid)).toEqual(['other']);
    const circular = await api.post('/api/folders/other/move', { parentUid: 'child' });
    expect([circular.status, circular.body.messageId]).toEqual([400, 'folder.circular-reference']);
    const toRoot = await api.post('/api/folders/child/move', { parentUid: '' });
    expect(toRoot.body.parentUid).toBeUndefined();
  });

  it('given a folder title used by a sibling, when created, then accepted (unique titles ended in 11.3)', async () => {
    await api.post('/api/folders', { uid: 'twin-1', title: 'Twin' });
    expect((await api.post('/api/folders', { uid: 'twin-2', title: 'Twin' })).status).toBe(200);
  });

  it('given a folder with a dashboard, when deleted, then both are gone', async () => {
    await api.post('/api/folders', { uid: 'del', title: 'Del' });
    await api.post('/api/dashboards/db', { dashboard: { uid: 'in-del', title: 'In Del' }, folderUid: 'del' });
    const deleted = await api.delete('/api/folders/del');
    expect(deleted.body).toMatchObject({ title: 'Del', message: 'Folder Del deleted' });
    expect((await api.get('/api/folders/del')).status).toBe(404);
    expect((await api.get('/api/dashboards/uid/in-del')).status).toBe(404);
  });
});

describe('folders API of the stand-in imitating 10.4 (nested folders off by default)', () => {
  let double: GrafanaDoubleProcess;
  beforeAll(async () => {
    double = await startGrafanaDouble({ version: '10.4.3' });
  });
  afterAll(() => double?.stop());

  it('given parentUid on create, then it is ignored and move is absent; same title is 409', async () => {
    const api = client(double.url);
    await api.post('/api/folders', { uid: 'a', title: 'A' });
    const child = await api.post('/api/folders', { uid: 'b', title: 'B', parentUid: 'a' });
    expect(child.body.parentUid).toBeUndefined();
    expect((await api.post('/api/folders/b/move', { parentUid: 'a' })).status).toBe(404);
    const same = await api.post('/api/folders', { uid: 'a2', title: 'A' });
    expect([same.status, same.body.message]).toEqual([
      409,
      'a folder or dashboard in the general folder with the same name already exists',
    ]);
  });
});
