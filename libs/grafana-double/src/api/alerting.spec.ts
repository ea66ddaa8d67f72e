import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGrafanaDouble, type GrafanaDoubleProcess } from '../index.js';
import { client, tokenWithRole } from '../../test/client.js';

const P = '/api/v1/provisioning';

function rule(uid: string, overrides: Record<string, unknown> = {}) {
  return {
    uid,
    title: `Rule ${uid}`,
    condition: 'C',
    data: [
      { refId: 'A', relativeTimeRange: { from: 600, to: 0 }, datasourceUid: 'prom', model: { expr: 'up', refId: 'A' } },
      { refId: 'C', datasourceUid: '__expr__', model: { type: 'threshold', expression: 'A', refId: 'C' } },
    ],
    noDataState: 'NoData',
    execErrState: 'Error',
    for: '5m',
    annotations: { summary: 's' },
    labels: { team: 'a' },
    ...overrides,
  };
}

describe('alerting provisioning API of the stand-in', () => {
  let double: GrafanaDoubleProcess;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    double = await startGrafanaDouble();
    api = client(double.url);
    await api.post('/api/folders', { uid: 'alerts', title: 'Alerts' });
    await api.post('/api/datasources', { uid: 'prom', name: 'Prom', type: 'prometheus', url: 'http://p:9090' });
  });
  afterAll(() => double?.stop());

  it('given a valid group, when PUT, then GET returns it with provenance api; a second PUT replaces its rules', async () => {
    const put = await api.put(`${P}/folder/alerts/rule-groups/g1`, { interval: 60, rules: [rule('r1'), rule('r2')] });
    expect(put.status).toBe(200);
    expect(put.body.rules.map((r: { uid: string }) => r.uid)).toEqual(['r1', 'r2']);
    const read = await api.get(`${P}/folder/alerts/rule-groups/g1`);
    expect(read.body).toMatchObject({ title: 'g1', folderUid: 'alerts', interval: 60 });
    expect(read.body.rules[0]).toMatchObject({ uid: 'r1', folderUID: 'alerts', ruleGroup: 'g1', provenance: 'api' });
    await api.put(`${P}/folder/alerts/rule-groups/g1`, { interval: 60, rules: [rule('r2')] });
    expect((await api.get(`${P}/alert-rules/r1`)).status).toBe(404);
    expect((await api.get(`${P}/alert-rules`)).body.map((r: { uid: string }) => r.uid)).toEqual(['r2']);
  });

  it('given X-Disable-Provenance, then provenance is empty', async () => {
    await api.put(`${P}/folder/alerts/rule-groups/g2`, { interval: 60, rules: [rule('r3')] }, { 'X-Disable-Provenance': 'true' });
    expect((await api.get(`${P}/alert-rules/r3`)).body.provenance).toBe('');
  });

  it('given an invalid group, then 400 for a missing folder, a missing data source, an unknown condition, a bad interval', async () => {
    expect((await api.put(`${P}/folder/nope/rule-groups/g`, { interval: 60, rules: [rule('x1')] })).body.message).toContain(
      "folder 'nope' does not exist",
    );
    const ds = await api.put(`${P}/folder/alerts/rule-groups/g`, {
      interval: 60,
      rules: [rule('x2', { data: [{ refId: 'C', datasourceUid: 'missing', model: {} }] })],
    });
    expect([ds.status, ds.body.message]).toEqual([400, "invalid alert rule: failed to validate query C: data source 'missing' not found"]);
    const condition = await api.put(`${P}/folder/alerts/rule-groups/g`, { interval: 60, rules: [rule('x3', { condition: 'Z' })] });
    expect([condition.status, condition.body.message]).toEqual([
      400,
      'invalid alert rule: condition Z does not exist, must be one of [A,C]',
    ]);
    expect((await api.put(`${P}/folder/alerts/rule-groups/g`, { interval: 15, rules: [rule('x4')] })).status).toBe(400);
    expect((await api.put(`${P}/folder/alerts/rule-groups/g`, { interval: 0, rules: [rule('x5')] })).status).toBe(400);
  });

  it('given a folder with alert rules, when deleted without forceDeleteRules then 400, with it then 200', async () => {
    await api.post('/api/folders', { uid: 'doomed', title: 'Doomed' });
    await api.put(`${P}/folder/doomed/rule-groups/g`, { interval: 60, rules: [rule('d1')] });
    const blocked = await api.delete('/api/folders/doomed');
    expect([blocked.status, blocked.body]).toEqual([
      400,
      { message: 'Folder cannot be deleted: folder is not empty', messageId: 'folder.not-empty', statusCode: 400 },
    ]);
    expect((await api.delete('/api/folders/doomed?forceDeleteRules=true')).status).toBe(200);
    expect((await api.get(`${P}/alert-rules/d1`)).status).toBe(404);
  });

  it('given a contact point with secrets, then GET redacts them and a PUT sending [REDACTED] keeps them', async () => {
    const created = await api.post(`${P}/contact-points`, {
      uid: 'slack-1',
      name: 'oncall',
      type: 'slack',
      settings: { url: 'https://hooks.example/secret-path', recipient: '#ops' },
    });
    expect(created.status).toBe(202);
    const listed = await api.get(`${P}/contact-points?name=oncall`);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0].settings).toEqual({ url: '[REDACTED]', recipient: '#ops' });
    expect(JSON.stringify(listed.body)).not.toContain('secret-path');
    expect(
      (await api.put(`${P}/contact-points/slack-1`, { ...listed.body[0], settings: { url: '[REDACTED]', recipient: '#ops2' } })).status,
    ).toBe(202);
    expect((await api.post(`${P}/contact-points`, { name: 'bad', type: 'slack', settings: {} })).status).toBe(400);
  });

  it('given a policy tree routing to an unknown receiver, then 400; to known ones, 202 and GET returns it', async () => {
    const unknown = await api.put(`${P}/policies`, {
      receiver: 'grafana-default-email',
      routes: [{ receiver: 'ghost', object_matchers: [['team', '=', 'a']] }],
    });
    expect([unknown.status, unknown.body.message]).toEqual([400, "invalid object specification: receiver 'ghost' does not exist"]);
    const ok = await api.put(`${P}/policies`, {
      receiver: 'grafana-default-email',
      routes: [{ receiver: 'oncall', object_matchers: [['team', '=', 'a']] }],
    });
    expect(ok.status).toBe(202);
    expect((await api.get(`${P}/policies`)).body.routes[0].receiver).toBe('oncall');
    expect((await api.delete(`${P}/contact-points/slack-1`)).status).toBe(409);
  });

  it('given a mute timing used by a policy, when deleted then 409; unused, 204', async () => {
    expect((await api.post(`${P}/mute-timings`, { name: 'weekends', time_intervals: [{ weekdays: ['saturday', 'sunday'] }] })).status).toBe(
      201,
    );
    expect((await api.post(`${P}/mute-timings`, { name: 'weekends', time_intervals: [] })).status).toBe(409);
    await api.put(`${P}/policies`, {
      receiver: 'grafana-default-email',
      routes: [{ receiver: 'oncall', mute_time_intervals: ['weekends'] }],
    });
    const inUse = await api.delete(`${P}/mute-timings/weekends`);
    expect([inUse.status, inUse.body]).toEqual([
      409,
      {
        message: 'Time interval is used by notification policies',
        messageId: 'alerting.notifications.time-intervals.used',
        statusCode: 409,
        extra: { UsedByRoutes: true },
      },
    ]);
    await api.delete(`${P}/policies`);
    expect((await api.get(`${P}/policies`)).body.receiver).toBe('grafana-default-email');
    expect((await api.delete(`${P}/mute-timings/weekends`)).status).toBe(204);
  });

  it('given a template, when PUT then 202 and GET returns it; delete is 204', async () => {
    const put = await api.put(`${P}/templates/msg`, { template: '{{ define "msg" }}hi{{ end }}' });
    expect([put.status, put.body.name]).toEqual([202, 'msg']);
    expect((await api.get(`${P}/templates/msg`)).body.template).toContain('define "msg"');
    expect((await api.delete(`${P}/templates/msg`)).status).toBe(204);
    expect((await api.get(`${P}/templates/msg`)).status).toBe(404);
  });

  it('given a template whose comment holds }}, then it is accepted as Go parses it; an unclosed comment is 400', async () => {
    // Go text/template/parse lex.go lexComment: a comment runs to the first */, so braces inside it are text.
    const comment = await api.put(`${P}/templates/commented`, { template: '{{/* a map: {{ "k" }} */}}{{- /* trimmed }} */ -}}hi' });
    expect(comment.status).toBe(202);
    const unclosed = await api.put(`${P}/templates/unclosed`, { template: '{{/* never closed }}' });
    expect([unclosed.status, unclosed.body.message]).toEqual([400, 'invalid object specification: template: unclosed comment']);
    const early = await api.put(`${P}/templates/early`, { template: '{{/* ends */ x }}' });
    expect(early.body.message).toBe('invalid object specification: template: comment ends before closing delimiter');
    expect((await api.put(`${P}/templates/open`, { template: '{{ define "x" }' })).status).toBe(400);
    expect((await api.delete(`${P}/templates/commented`)).status).toBe(204);
  });

  it('given an Editor token, then the provisioning API is 403', async () => {
    const editor = client(double.url, { token: await tokenWithRole(double.url, 'Editor') });
    expect((await editor.get(`${P}/alert-rules`)).status).toBe(403);
  });
});
