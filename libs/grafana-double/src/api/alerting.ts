import { fail, generateUid, objectBody, str, uidProblem, type RequestContext, type Router } from '../http.js';
import { getMeta, nextSequence, setMeta, type Store } from '../store.js';
import { dataSourceExists } from './datasources.js';
import { getFolder } from './folders.js';

// pkg/services/ngalert/api/api_provisioning.go: provenance is "api", or "" with X-Disable-Provenance: true
function provenance(ctx: RequestContext): string {
  return String(ctx.headers['x-disable-provenance'] ?? '').toLowerCase() === 'true' ? '' : 'api';
}

// pkg/services/ngalert/models ErrAlertRuleFailedValidation ("invalid alert rule") -> 400 ValidationError {message}
function invalidRule(reason: string): never {
  fail(400, `invalid alert rule: ${reason}`);
}

/**
 * Go text/template/parse lex.go: after `{{` (or `{{- `) a `/*` starts a comment that runs to the first `*\/`,
 * which must be followed at once by `}}` (or ` -}}`); anything inside, `}}` included, is not an action.
 */
export function templateDelimiterProblem(template: string): string | undefined {
  let rest = '';
  let i = 0;
  for (;;) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      rest += template.slice(i);
      break;
    }
    let at = open + 2;
    if (/^-[ \t\r\n]/.test(template.slice(at, at + 2))) at += 2;
    if (!template.startsWith('/*', at)) {
      rest += template.slice(i, open + 2);
      i = open + 2;
      continue;
    }
    const close = template.indexOf('*/', at + 2);
    if (close < 0) return 'unclosed comment';
    const after = close + 2;
    const delim = template.startsWith('}}', after) ? 2 : /^[ \t\r\n]-\}\}/.test(template.slice(after, after + 4)) ? 4 : 0;
    if (!delim) return 'comment ends before closing delimiter';
    rest += template.slice(i, open);
    i = after + delim;
  }
  if ((rest.match(/\{\{/g) ?? []).length !== (rest.match(/\}\}/g) ?? []).length) return 'unbalanced {{ }}';
  return undefined;
}

// pkg/services/ngalert/setting: the scheduler's base interval
const BASE_INTERVAL_SECONDS = 10;
const EXPRESSION_DATASOURCES = new Set(['__expr__', '-100']);

function parseDuration(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') return 0;
  if (typeof value !== 'string') invalidRule(`${field} must be a duration string`);
  // Prometheus durations as model.ParseDuration reads them ("0s", "5m", "1h30m")
  const match = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(value);
  if (!match || value === '') invalidRule(`${field}: invalid duration "${value}"`);
  const [, d = 0, h = 0, m = 0, s = 0, ms = 0] = match.map((part) => Number(part ?? 0));
  return Number(d) * 86400 + Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
}

interface StoredRule {
  uid: string;
  id: number;
  folder_uid: string;
  rule_group: string;
  group_index: number;
  data: string;
  provenance: string;
  updated: string;
}

/** Validates one ProvisionedAlertRule as pkg/services/ngalert/api/api_ruler_validation.go validateRuleNode does. */
function validateRule(ctx: RequestContext, input: Record<string, unknown>, folderUid: string, group: string): Record<string, unknown> {
  const title = str(input.title)?.trim() ?? '';
  if (!title) invalidRule('title is empty');
  if (title.length > 190) invalidRule('title is longer than 190 characters');
  const uid = str(input.uid) || generateUid();
  if (uidProblem(uid)) invalidRule(`cannot create rule with UID '${uid}': ${uidProblem(uid)}`);
  if (!getFolder(ctx.db, folderUid)) invalidRule(`folder '${folderUid}' does not exist`);
  const data = input.data;
  if (!Array.isArray(data) || data.length === 0) invalidRule('no queries or expressions are found');
  const refIds: string[] = [];
  for (const query of data as Record<string, unknown>[]) {
    const refId = str(query?.refId) ?? '';
    if (!refId) invalidRule('refID is not specified for data query/expression');
    if (refIds.includes(refId)) invalidRule(`refID '${refId}' is already used by query/expression`);
    refIds.push(refId);
    const datasourceUid = str(query.datasourceUid) ?? '';
    // every query's data source must exist; expressions use the __expr__ (or legacy -100) pseudo data source
    if (!EXPRESSION_DATASOURCES.has(datasourceUid) && !dataSourceExists(ctx.db, datasourceUid)) {
      invalidRule(`failed to validate query ${refId}: data source '${datasourceUid}' not found`);
    }
  }
  const condition = str(input.condition) ?? '';
  if (!refIds.includes(condition)) invalidRule(`condition ${condition} does not exist, must be one of [${refIds.join(',')}]`);
  const noDataState = str(input.noDataState) ?? 'NoData';
  const execErrState = str(input.execErrState) ?? 'Error';
  const states = ['NoData', 'Alerting', 'OK', ...(ctx.version.major >= 11 ? ['KeepLast'] : [])];
  if (!states.includes(noDataState)) invalidRule(`unknown NoData state option ${noDataState}`);
  if (!['Error', 'Alerting', 'OK', ...(ctx.version.major >= 11 ? ['KeepLast'] : [])].includes(execErrState))
    invalidRule(`unknown Exec Error state option ${execErrState}`);
  if (parseDuration(input.for, 'for') < 0) invalidRule('field `for` cannot be negative');
  const settings = input.notification_settings as Record<string, unknown> | null | undefined;
  if (settings && typeof settings === 'object') {
    const receiver = str(settings.receiver) ?? '';
    if (!receiverNames(ctx.db).has(receiver)) invalidRule(`receiver '${receiver}' does not exist`);
  }
  return {
    uid,
    orgID: 1,
    folderUID: folderUid,
    ruleGroup: group,
    title,
    condition,
    data,
    noDataState,
    execErrState,
    for: typeof input.for === 'string' && input.for ? input.for : '0s',
    annotations: (input.annotations as Record<string, string>) ?? {},
    labels: (input.labels as Record<string, string>) ?? {},
    isPaused: input.isPaused === true,
    notification_settings: settings ?? null,
    ...(input.keep_firing_for !== undefined ? { keep_firing_for: input.keep_firing_for } : {}),
    ...(input.record !== undefined ? { record: input.record } : {}),
  };
}

function ruleDto(row: StoredRule): Record<string, unknown> {
  return { id: row.id, ...(JSON.parse(row.data) as Record<string, unknown>), updated: row.updated, provenance: row.provenance };
}

function groupInterval(value: unknown): number {
  const interval = Number(value ?? 60);
  // api_ruler_validation.go validateInterval: non-zero and a multiple of the scheduler's base interval
  if (!Number.isInteger(interval) || interval <= 0 || interval % BASE_INTERVAL_SECONDS !== 0) {
    invalidRule(`interval (${value}s) should be non-zero and divided exactly by scheduler interval: ${BASE_INTERVAL_SECONDS}s`);
  }
  return interval;
}

function upsertRule(ctx: RequestContext, rule: Record<string, unknown>, index: number, prov: string): void {
  const existing = ctx.db.prepare('SELECT id FROM alert_rules WHERE uid = ?').get(rule.uid) as { id: number } | undefined;
  ctx.db
    .prepare(
      `INSERT INTO alert_rules (uid, id, folder_uid, rule_group, group_index, data, provenance, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(uid) DO UPDATE SET folder_uid = excluded.folder_uid, rule_group = excluded.rule_group, group_index = excluded.group_index,
       data = excluded.data, provenance = excluded.provenance, updated = excluded.updated`,
    )
    .run(
      rule.uid,
      existing?.id ?? nextSequence(ctx.db, 'alertRuleId'),
      rule.folderUID,
      rule.ruleGroup,
      index,
      JSON.stringify(rule),
      prov,
      ctx.now(),
    );
}

function dropEmptyGroups(db: Store): void {
  db.prepare(
    'DELETE FROM rule_groups WHERE NOT EXISTS (SELECT 1 FROM alert_rules r WHERE r.folder_uid = rule_groups.folder_uid AND r.rule_group = rule_groups.title)',
  ).run();
}

function groupDto(db: Store, folderUid: string, title: string): Record<string, unknown> | undefined {
  const group = db.prepare('SELECT * FROM rule_groups WHERE folder_uid = ? AND title = ?').get(folderUid, title) as
    { interval: number } | undefined;
  if (!group) return undefined;
  const rules = db
    .prepare('SELECT * FROM alert_rules WHERE folder_uid = ? AND rule_group = ? ORDER BY group_index')
    .all(folderUid, title) as StoredRule[];
  return { title, folderUid, interval: group.interval, rules: rules.map(ruleDto) };
}

// --- contact points, policies, mute timings, templates ---

interface ContactPoint {
  uid: string;
  name: string;
  type: string;
  settings: Record<string, unknown>;
  disableResolveMessage: boolean;
}

// pkg/services/ngalert/notifier/channels_config: the secure settings of each integration type
const SECURE_SETTINGS: Record<string, string[]> = {
  slack: ['url', 'token'],
  webhook: ['password', 'authorization_credentials'],
  pagerduty: ['integrationKey'],
  opsgenie: ['apiKey'],
  telegram: ['bottoken'],
  discord: ['url'],
  googlechat: ['url'],
  teams: ['url'],
  victorops: ['url'],
  pushover: ['apiToken', 'userKey'],
  line: ['token'],
  threema: ['api_secret'],
  sns: ['sigv4.access_key', 'sigv4.secret_key'],
  email: [],
};
const REQUIRED_SETTINGS: Record<string, string[][]> = {
  email: [['addresses']],
  slack: [['url', 'token']],
  webhook: [['url']],
  pagerduty: [['integrationKey']],
  teams: [['url']],
  discord: [['url']],
  googlechat: [['url']],
  opsgenie: [['apiKey']],
  telegram: [['bottoken'], ['chatid']],
  sns: [['topic_arn', 'phone_number', 'target_arn']],
};
const REDACTED = '[REDACTED]';

function getPath(settings: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), settings);
}

function setPath(settings: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = settings;
  for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
  target[keys.at(-1)!] = value;
}

function contactPointDto(point: ContactPoint, prov: string): Record<string, unknown> {
  const settings = structuredClone(point.settings);
  // api_provisioning.go RouteGetContactPoints: secure settings come back as [REDACTED]
  for (const key of SECURE_SETTINGS[point.type] ?? []) if (getPath(settings, key) !== undefined) setPath(settings, key, REDACTED);
  return {
    uid: point.uid,
    name: point.name,
    type: point.type,
    settings,
    disableResolveMessage: point.disableResolveMessage,
    provenance: prov,
  };
}

function readContactPoint(ctx: RequestContext, body: Record<string, unknown>, stored?: ContactPoint): ContactPoint {
  const name = str(body.name)?.trim() ?? '';
  // pkg/services/ngalert/api/tooling/definitions EmbeddedContactPoint.Valid
  if (!name) fail(400, 'invalid object specification: name must be specified');
  const type = str(body.type) ?? '';
  if (!(type in SECURE_SETTINGS)) fail(400, `invalid object specification: unknown contact point type '${type}'`);
  const settings = body.settings && typeof body.settings === 'object' ? structuredClone(body.settings as Record<string, unknown>) : {};
  // a [REDACTED] value sent back keeps the stored secret
  for (const key of SECURE_SETTINGS[type] ?? []) {
    if (getPath(settings, key) === REDACTED && stored) setPath(settings, key, getPath(stored.settings, key));
  }
  for (const alternatives of REQUIRED_SETTINGS[type] ?? []) {
    if (!alternatives.some((key) => getPath(settings, key) !== undefined && getPath(settings, key) !== '')) {
      fail(400, `invalid object specification: could not find ${alternatives.join(' or ')} property in settings`);
    }
  }
  const uid = stored?.uid ?? (str(body.uid) || generateUid());
  if (uidProblem(uid)) fail(400, `invalid object specification: ${uidProblem(uid)}`);
  return { uid, name, type, settings, disableResolveMessage: body.disableResolveMessage === true };
}

function contactPoints(db: Store): { point: ContactPoint; provenance: string }[] {
  return (db.prepare('SELECT data, provenance FROM contact_points ORDER BY seq').all() as { data: string; provenance: string }[]).map(
    (row) => ({
      point: JSON.parse(row.data) as ContactPoint,
      provenance: row.provenance,
    }),
  );
}

function receiverNames(db: Store): Set<string> {
  return new Set(contactPoints(db).map(({ point }) => point.name));
}

interface Route {
  receiver?: string;
  routes?: Route[];
  mute_time_intervals?: string[];
  active_time_intervals?: string[];
  [key: string]: unknown;
}

// pkg/services/ngalert/notifier: a new org routes everything to grafana-default-email
const DEFAULT_POLICY: Route = { receiver: 'grafana-default-email', group_by: ['grafana_folder', 'alertname'] };
const DEFAULT_CONTACT_POINT: ContactPoint = {
  uid: '',
  name: 'grafana-default-email',
  type: 'email',
  settings: { addresses: '<example@email.com>' },
  disableResolveMessage: false,
};

export function seedAlerting(db: Store): void {
  if (getMeta(db, 'alerting.seeded')) return;
  db.transaction(() => {
    db.prepare('INSERT INTO contact_points (uid, name, seq, data, provenance) VALUES (?, ?, ?, ?, ?)').run(
      'default-email',
      DEFAULT_CONTACT_POINT.name,
      nextSequence(db, 'contactPointSeq'),
      JSON.stringify({ ...DEFAULT_CONTACT_POINT, uid: 'default-email' }),
      '',
    );
    setMeta(db, 'alerting.policy', JSON.stringify({ tree: DEFAULT_POLICY, provenance: '' }));
    setMeta(db, 'alerting.seeded', '1');
  })();
}

function policy(db: Store): { tree: Route; provenance: string } {
  return JSON.parse(getMeta(db, 'alerting.policy') ?? JSON.stringify({ tree: DEFAULT_POLICY, provenance: '' }));
}

function walk(route: Route, visit: (route: Route) => void): void {
  visit(route);
  for (const child of route.routes ?? []) walk(child, visit);
}

/** pkg/services/ngalert/provisioning/notification_policies.go UpdatePolicyTree: receivers and time intervals must exist. */
function validatePolicy(db: Store, tree: Route): void {
  if (!tree.receiver) fail(400, 'invalid object specification: root route must specify a default receiver');
  const receivers = receiverNames(db);
  const timings = new Set((db.prepare('SELECT name FROM mute_timings').all() as { name: string }[]).map((row) => row.name));
  walk(tree, (route) => {
    if (route.receiver && !receivers.has(route.receiver))
      fail(400, `invalid object specification: receiver '${route.receiver}' does not exist`);
    for (const name of [...(route.mute_time_intervals ?? []), ...(route.active_time_intervals ?? [])]) {
      if (!timings.has(name)) fail(400, `invalid object specification: mute time interval '${name}' does not exist`);
    }
  });
}

/** Who uses a time interval: the policy tree and/or the uids of rules whose notification settings name it. */
function timingUsers(db: Store, name: string): { byRoutes: boolean; byRules: string[] } {
  let byRoutes = false;
  walk(policy(db).tree, (route) => {
    if ([...(route.mute_time_intervals ?? []), ...(route.active_time_intervals ?? [])].includes(name)) byRoutes = true;
  });
  const byRules: string[] = [];
  for (const { uid, data } of db.prepare('SELECT uid, data FROM alert_rules ORDER BY uid').all() as { uid: string; data: string }[]) {
    const settings = (JSON.parse(data) as { notification_settings?: { mute_time_intervals?: string[] } | null }).notification_settings;
    if (settings?.mute_time_intervals?.includes(name)) byRules.push(uid);
  }
  return { byRoutes, byRules };
}

/**
 * pkg/services/ngalert/provisioning/errors.go MakeErrTimeIntervalInUse: errutil Conflict "alerting.notifications.time-intervals.used",
 * answered as its public error (message by who uses it; extra UsedByRules lists at most five uids, UsedByRoutes true).
 */
function timeIntervalInUse(users: { byRoutes: boolean; byRules: string[] }): never {
  const parts = [...(users.byRules.length > 0 ? ['alert rules'] : []), ...(users.byRoutes ? ['notification policies'] : [])];
  const shown = users.byRules.slice(0, 5).join(', ');
  const extra: Record<string, unknown> = {};
  if (users.byRules.length > 0) extra.UsedByRules = users.byRules.length > 5 ? `${shown} and ${users.byRules.length - 5} others` : shown;
  if (users.byRoutes) extra.UsedByRoutes = true;
  fail(409, `Time interval is used by ${parts.join(' and ')}`, {
    messageId: 'alerting.notifications.time-intervals.used',
    statusCode: 409,
    extra,
  });
}

function receiverInUse(db: Store, name: string): boolean {
  let used = false;
  walk(policy(db).tree, (route) => {
    if (route.receiver === name) used = true;
  });
  for (const { data } of db.prepare('SELECT data FROM alert_rules').all() as { data: string }[]) {
    if ((JSON.parse(data) as { notification_settings?: { receiver?: string } | null }).notification_settings?.receiver === name)
      used = true;
  }
  return used;
}

function validateMuteTiming(body: Record<string, unknown>): { name: string; time_intervals: unknown[] } {
  const name = str(body.name)?.trim() ?? '';
  if (!name) fail(400, 'invalid object specification: missing name');
  const intervals = body.time_intervals ?? [];
  if (!Array.isArray(intervals)) fail(400, 'invalid object specification: time_intervals must be a list');
  for (const interval of intervals as Record<string, unknown>[]) {
    for (const range of (interval?.times ?? []) as { start_time?: string; end_time?: string }[]) {
      if (!/^\d{2}:\d{2}$/.test(range.start_time ?? '') || !/^\d{2}:\d{2}$/.test(range.end_time ?? '')) {
        fail(400, 'invalid object specification: times must be in HH:MM format');
      }
    }
  }
  return { name, time_intervals: intervals };
}

const P = '/api/v1/provisioning';

/** The alerting provisioning API (pkg/services/ngalert/api/api_provisioning.go); Admin-only as alert.provisioning:* is. */
export function registerAlertingRoutes(router: Router): void {
  const read = 'alert.provisioning:read';
  const write = 'alert.provisioning:write';

  // --- alert rules ---
  router.add(
    'GET',
    `${P}/alert-rules`,
    'Admin',
    (ctx) => ({ status: 200, body: (ctx.db.prepare('SELECT * FROM alert_rules ORDER BY id').all() as StoredRule[]).map(ruleDto) }),
    read,
  );
  router.add(
    'GET',
    `${P}/alert-rules/:uid`,
    'Admin',
    (ctx) => {
      const row = ctx.db.prepare('SELECT * FROM alert_rules WHERE uid = ?').get(ctx.params.uid) as StoredRule | undefined;
      if (!row) return { status: 404 };
      return { status: 200, body: ruleDto(row) };
    },
    read,
  );
  router.add(
    'POST',
    `${P}/alert-rules`,
    'Admin',
    (ctx) => {
      const body = objectBody(ctx);
      const folderUid = str(body.folderUID) ?? '';
      const group = str(body.ruleGroup)?.trim() ?? '';
      if (!group) invalidRule('rule group name is empty');
      const rule = validateRule(ctx, body, folderUid, group);
      if (ctx.db.prepare('SELECT 1 FROM alert_rules WHERE uid = ?').get(rule.uid))
        fail(409, `a conflicting alert rule is found: rule UID under the same organisation should be unique`);
      ctx.db.prepare('INSERT OR IGNORE INTO rule_groups (folder_uid, title, interval) VALUES (?, ?, 60)').run(folderUid, group);
      const index = (
        ctx.db.prepare('SELECT COUNT(*) AS n FROM alert_rules WHERE folder_uid = ? AND rule_group = ?').get(folderUid, group) as {
          n: number;
        }
      ).n;
      upsertRule(ctx, rule, index, provenance(ctx));
      return { status: 201, body: ruleDto(ctx.db.prepare('SELECT * FROM alert_rules WHERE uid = ?').get(rule.uid) as StoredRule) };
    },
    write,
  );
  router.add(
    'PUT',
    `${P}/alert-rules/:uid`,
    'Admin',
    (ctx) => {
      const body = objectBody(ctx);
      const row = ctx.db.prepare('SELECT * FROM alert_rules WHERE uid = ?').get(ctx.params.uid) as StoredRule | undefined;
      if (!row) fail(404, 'rule not found');
      const folderUid = str(body.folderUID) ?? row.folder_uid;
      const group = str(body.ruleGroup) ?? row.rule_group;
      const rule = validateRule(ctx, { ...body, uid: row.uid }, folderUid, group);
      ctx.db.prepare('INSERT OR IGNORE INTO rule_groups (folder_uid, title, interval) VALUES (?, ?, 60)').run(folderUid, group);
      upsertRule(ctx, rule, row.group_index, provenance(ctx));
      dropEmptyGroups(ctx.db);
      return { status: 200, body: ruleDto(ctx.db.prepare('SELECT * FROM alert_rules WHERE uid = ?').get(row.uid) as StoredRule) };
    },
    write,
  );
  router.add(
    'DELETE',
    `${P}/alert-rules/:uid`,
    'Admin',
    (ctx) => {
      ctx.db.prepare('DELETE FROM alert_rules WHERE uid = ?').run(ctx.params.uid);
      dropEmptyGroups(ctx.db);
      return { status: 204 };
    },
    write,
  );

  // --- rule groups: PUT replaces the whole group (creates, updates and deletes its rules) ---
  router.add(
    'GET',
    `${P}/folder/:folderUid/rule-groups/:group`,
    'Admin',
    (ctx) => {
      const group = groupDto(ctx.db, ctx.params.folderUid!, ctx.params.group!);
      return group ? { status: 200, body: group } : { status: 404, body: { message: 'rule group not found' } };
    },
    read,
  );
  router.add(
    'PUT',
    `${P}/folder/:folderUid/rule-groups/:group`,
    'Admin',
    (ctx) => {
      const body = objectBody(ctx);
      const folderUid = ctx.params.folderUid!;
      const title = ctx.params.group!;
      if (!getFolder(ctx.db, folderUid)) invalidRule(`folder '${folderUid}' does not exist`);
      const interval = groupInterval(body.interval);
      const rules = Array.isArray(body.rules) ? (body.rules as Record<string, unknown>[]) : [];
      const validated = rules.map((rule) => validateRule(ctx, rule, folderUid, title));
      for (const rule of validated) {
        const elsewhere = ctx.db.prepare('SELECT folder_uid, rule_group FROM alert_rules WHERE uid = ?').get(rule.uid) as
          { folder_uid: string; rule_group: string } | undefined;
        if (elsewhere && (elsewhere.folder_uid !== folderUid || elsewhere.rule_group !== title)) {
          invalidRule(`rule with UID '${rule.uid}' belongs to another rule group '${elsewhere.rule_group}'`);
        }
      }
      const keep = new Set(validated.map((rule) => rule.uid as string));
      for (const row of ctx.db.prepare('SELECT uid FROM alert_rules WHERE folder_uid = ? AND rule_group = ?').all(folderUid, title) as {
        uid: string;
      }[]) {
        if (!keep.has(row.uid)) ctx.db.prepare('DELETE FROM alert_rules WHERE uid = ?').run(row.uid);
      }
      ctx.db
        .prepare(
          'INSERT INTO rule_groups (folder_uid, title, interval) VALUES (?, ?, ?) ON CONFLICT(folder_uid, title) DO UPDATE SET interval = excluded.interval',
        )
        .run(folderUid, title, interval);
      validated.forEach((rule, index) => upsertRule(ctx, rule, index, provenance(ctx)));
      dropEmptyGroups(ctx.db);
      return { status: 200, body: groupDto(ctx.db, folderUid, title) ?? { title, folderUid, interval, rules: [] } };
    },
    write,
  );
  router.add(
    'DELETE',
    `${P}/folder/:folderUid/rule-groups/:group`,
    'Admin',
    (ctx) => {
      const deleted = ctx.db
        .prepare('DELETE FROM alert_rules WHERE folder_uid = ? AND rule_group = ?')
        .run(ctx.params.folderUid, ctx.params.group);
      dropEmptyGroups(ctx.db);
      return deleted.changes > 0 ? { status: 204 } : { status: 404, body: { message: 'rule group not found' } };
    },
    write,
  );

  // --- contact points ---
  router.add(
    'GET',
    `${P}/contact-points`,
    'Admin',
    (ctx) => {
      const name = ctx.query.get('name');
      const points = contactPoints(ctx.db).filter(({ point }) => !name || point.name === name);
      return { status: 200, body: points.map(({ point, provenance: prov }) => contactPointDto(point, prov)) };
    },
    read,
  );
  router.add(
    'POST',
    `${P}/contact-points`,
    'Admin',
    (ctx) => {
      const point = readContactPoint(ctx, objectBody(ctx));
      if (ctx.db.prepare('SELECT 1 FROM contact_points WHERE uid = ?').get(point.uid))
        fail(400, `invalid object specification: contact point with uid '${point.uid}' already exists`);
      ctx.db
        .prepare('INSERT INTO contact_points (uid, name, seq, data, provenance) VALUES (?, ?, ?, ?, ?)')
        .run(point.uid, point.name, nextSequence(ctx.db, 'contactPointSeq'), JSON.stringify(point), provenance(ctx));
      return { status: 202, body: contactPointDto(point, provenance(ctx)) };
    },
    write,
  );
  router.add(
    'PUT',
    `${P}/contact-points/:uid`,
    'Admin',
    (ctx) => {
      const row = ctx.db.prepare('SELECT data FROM contact_points WHERE uid = ?').get(ctx.params.uid) as { data: string } | undefined;
      if (!row) fail(404, 'contact point not found');
      const stored = JSON.parse(row.data) as ContactPoint;
      const point = readContactPoint(ctx, objectBody(ctx), stored);
      ctx.db
        .prepare('UPDATE contact_points SET name = ?, data = ?, provenance = ? WHERE uid = ?')
        .run(point.name, JSON.stringify(point), provenance(ctx), point.uid);
      if (point.name !== stored.name && !receiverNames(ctx.db).has(stored.name)) {
        // a renamed receiver is renamed in the policy tree too (provisioning/contactpoints.go UpdateContactPoint)
        const current = policy(ctx.db);
        walk(current.tree, (route) => {
          if (route.receiver === stored.name) route.receiver = point.name;
        });
        setMeta(ctx.db, 'alerting.policy', JSON.stringify(current));
      }
      return { status: 202, body: {} };
    },
    write,
  );
  router.add(
    'DELETE',
    `${P}/contact-points/:uid`,
    'Admin',
    (ctx) => {
      const row = ctx.db.prepare('SELECT name FROM contact_points WHERE uid = ?').get(ctx.params.uid) as { name: string } | undefined;
      if (!row) return { status: 204 };
      const lastOfName = (ctx.db.prepare('SELECT COUNT(*) AS n FROM contact_points WHERE name = ?').get(row.name) as { n: number }).n === 1;
      // provisioning/contactpoints.go DeleteContactPoint: a receiver still routed to cannot lose its last integration
      if (lastOfName && receiverInUse(ctx.db, row.name))
        fail(409, `contact point '${row.name}' is currently used by a notification policy or alert rule`);
      ctx.db.prepare('DELETE FROM contact_points WHERE uid = ?').run(ctx.params.uid);
      return { status: 204 };
    },
    write,
  );

  // --- notification policy tree ---
  router.add(
    'GET',
    `${P}/policies`,
    'Admin',
    (ctx) => {
      const current = policy(ctx.db);
      return { status: 200, body: { ...current.tree, provenance: current.provenance } };
    },
    read,
  );
  router.add(
    'PUT',
    `${P}/policies`,
    'Admin',
    (ctx) => {
      const tree = objectBody(ctx) as Route;
      delete tree.provenance;
      validatePolicy(ctx.db, tree);
      setMeta(ctx.db, 'alerting.policy', JSON.stringify({ tree, provenance: provenance(ctx) }));
      return { status: 202, body: { message: 'policies updated' } };
    },
    write,
  );
  router.add(
    'DELETE',
    `${P}/policies`,
    'Admin',
    (ctx) => {
      if (!receiverNames(ctx.db).has(DEFAULT_POLICY.receiver!)) {
        ctx.db
          .prepare('INSERT INTO contact_points (uid, name, seq, data, provenance) VALUES (?, ?, ?, ?, ?)')
          .run(
            generateUid(),
            DEFAULT_CONTACT_POINT.name,
            nextSequence(ctx.db, 'contactPointSeq'),
            JSON.stringify({ ...DEFAULT_CONTACT_POINT, uid: generateUid() }),
            '',
          );
      }
      setMeta(ctx.db, 'alerting.policy', JSON.stringify({ tree: DEFAULT_POLICY, provenance: '' }));
      return { status: 202, body: { message: 'policies resetted' } };
    },
    write,
  );

  // --- templates ---
  const templateDto = (row: { name: string; template: string; version: number; provenance: string }) => ({
    name: row.name,
    template: row.template,
    provenance: row.provenance,
    version: String(row.version),
  });
  router.add(
    'GET',
    `${P}/templates`,
    'Admin',
    (ctx) => {
      const rows = ctx.db.prepare('SELECT * FROM templates ORDER BY name').all() as {
        name: string;
        template: string;
        version: number;
        provenance: string;
      }[];
      // api_provisioning.go RouteGetTemplates: 404 when there are none (as documented in 10.x/11.x)
      return rows.length === 0 && ctx.version.major < 12 ? { status: 404 } : { status: 200, body: rows.map(templateDto) };
    },
    read,
  );
  router.add(
    'GET',
    `${P}/templates/:name`,
    'Admin',
    (ctx) => {
      const row = ctx.db.prepare('SELECT * FROM templates WHERE name = ?').get(ctx.params.name) as
        { name: string; template: string; version: number; provenance: string } | undefined;
      return row ? { status: 200, body: templateDto(row) } : { status: 404 };
    },
    read,
  );
  router.add(
    'PUT',
    `${P}/templates/:name`,
    'Admin',
    (ctx) => {
      const body = objectBody(ctx);
      const template = str(body.template) ?? '';
      if (!template.trim()) fail(400, 'invalid object specification: template must have content');
      // a template that does not parse is rejected; comments, then unbalanced actions, are what the stand-in checks
      const problem = templateDelimiterProblem(template);
      if (problem) fail(400, `invalid object specification: template: ${problem}`);
      const existing = ctx.db.prepare('SELECT version FROM templates WHERE name = ?').get(ctx.params.name) as
        { version: number } | undefined;
      if (body.version !== undefined && body.version !== '' && existing && String(body.version) !== String(existing.version))
        fail(409, 'version conflict');
      ctx.db
        .prepare(
          'INSERT INTO templates (name, template, version, provenance) VALUES (?, ?, 1, ?) ON CONFLICT(name) DO UPDATE SET template = excluded.template, version = version + 1, provenance = excluded.provenance',
        )
        .run(ctx.params.name, template, provenance(ctx));
      return {
        status: 202,
        body: templateDto(
          ctx.db.prepare('SELECT * FROM templates WHERE name = ?').get(ctx.params.name) as {
            name: string;
            template: string;
            version: number;
            provenance: string;
          },
        ),
      };
    },
    write,
  );
  router.add(
    'DELETE',
    `${P}/templates/:name`,
    'Admin',
    (ctx) => {
      ctx.db.prepare('DELETE FROM templates WHERE name = ?').run(ctx.params.name);
      return { status: 204 };
    },
    write,
  );

  // --- mute timings ---
  const timingDto = (row: { name: string; data: string; version: number; provenance: string }) => ({
    ...(JSON.parse(row.data) as Record<string, unknown>),
    version: String(row.version),
    provenance: row.provenance,
  });
  type TimingRow = { name: string; data: string; version: number; provenance: string };
  router.add(
    'GET',
    `${P}/mute-timings`,
    'Admin',
    (ctx) => ({ status: 200, body: (ctx.db.prepare('SELECT * FROM mute_timings ORDER BY name').all() as TimingRow[]).map(timingDto) }),
    read,
  );
  router.add(
    'GET',
    `${P}/mute-timings/:name`,
    'Admin',
    (ctx) => {
      const row = ctx.db.prepare('SELECT * FROM mute_timings WHERE name = ?').get(ctx.params.name) as TimingRow | undefined;
      return row ? { status: 200, body: timingDto(row) } : { status: 404 };
    },
    read,
  );
  router.add(
    'POST',
    `${P}/mute-timings`,
    'Admin',
    (ctx) => {
      const timing = validateMuteTiming(objectBody(ctx));
      if (ctx.db.prepare('SELECT 1 FROM mute_timings WHERE name = ?').get(timing.name))
        fail(409, `a time interval with the name '${timing.name}' already exists`);
      ctx.db
        .prepare('INSERT INTO mute_timings (name, data, version, provenance) VALUES (?, ?, 1, ?)')
        .run(timing.name, JSON.stringify(timing), provenance(ctx));
      return { status: 201, body: timingDto(ctx.db.prepare('SELECT * FROM mute_timings WHERE name = ?').get(timing.name) as TimingRow) };
    },
    write,
  );
  router.add(
    'PUT',
    `${P}/mute-timings/:name`,
    'Admin',
    (ctx) => {
      const timing = validateMuteTiming({ ...objectBody(ctx), name: ctx.params.name });
      if (!ctx.db.prepare('SELECT 1 FROM mute_timings WHERE name = ?').get(timing.name)) return { status: 404 };
      ctx.db
        .prepare('UPDATE mute_timings SET data = ?, version = version + 1, provenance = ? WHERE name = ?')
        .run(JSON.stringify(timing), provenance(ctx), timing.name);
      return { status: 200, body: timingDto(ctx.db.prepare('SELECT * FROM mute_timings WHERE name = ?').get(timing.name) as TimingRow) };
    },
    write,
  );
  router.add(
    'DELETE',
    `${P}/mute-timings/:name`,
    'Admin',
    (ctx) => {
      // provisioning/mute_timings.go DeleteMuteTiming: 409 while a policy or rule uses it
      const users = timingUsers(ctx.db, ctx.params.name!);
      if (users.byRoutes || users.byRules.length > 0) timeIntervalInUse(users);
      ctx.db.prepare('DELETE FROM mute_timings WHERE name = ?').run(ctx.params.name);
      return { status: 204 };
    },
    write,
  );
}
