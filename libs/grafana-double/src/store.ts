import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The stand-in's state: one SQLite file under the data directory, every write in a transaction. */
export type Store = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS folders (
  id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '', parent_uid TEXT, version INTEGER NOT NULL,
  created TEXT NOT NULL, updated TEXT NOT NULL, resource_version INTEGER NOT NULL,
  annotations TEXT NOT NULL DEFAULT '{}', labels TEXT NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS dashboards (
  id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
  folder_uid TEXT, version INTEGER NOT NULL, data TEXT NOT NULL, provisioned INTEGER NOT NULL DEFAULT 0,
  created TEXT NOT NULL, updated TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
  resource_version INTEGER NOT NULL, annotations TEXT NOT NULL DEFAULT '{}', labels TEXT NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS dashboard_versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT, dashboard_id INTEGER NOT NULL, dashboard_uid TEXT NOT NULL,
  version INTEGER NOT NULL, parent_version INTEGER NOT NULL, data TEXT NOT NULL, message TEXT NOT NULL,
  created TEXT NOT NULL, created_by TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS datasources (
  id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
  data TEXT NOT NULL, secure TEXT NOT NULL DEFAULT '{}', version INTEGER NOT NULL, read_only INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS service_accounts (
  id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
  login TEXT NOT NULL, role TEXT NOT NULL, is_disabled INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT, service_account_id INTEGER NOT NULL, name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE, created TEXT NOT NULL, expires TEXT, last_used TEXT,
  UNIQUE (service_account_id, name));
CREATE TABLE IF NOT EXISTS alert_rules (
  uid TEXT PRIMARY KEY, id INTEGER NOT NULL, folder_uid TEXT NOT NULL, rule_group TEXT NOT NULL,
  group_index INTEGER NOT NULL, data TEXT NOT NULL, provenance TEXT NOT NULL, updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rule_groups (
  folder_uid TEXT NOT NULL, title TEXT NOT NULL, interval INTEGER NOT NULL, PRIMARY KEY (folder_uid, title));
CREATE TABLE IF NOT EXISTS contact_points (
  uid TEXT PRIMARY KEY, name TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL, provenance TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS templates (
  name TEXT PRIMARY KEY, template TEXT NOT NULL, version INTEGER NOT NULL, provenance TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mute_timings (
  name TEXT PRIMARY KEY, data TEXT NOT NULL, version INTEGER NOT NULL, provenance TEXT NOT NULL);
`;

export function openStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'grafana-double.db'));
  // WAL + synchronous=NORMAL survives kill -9 of the process (not a power cut), like Grafana's own SQLite defaults.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}

/** The next value of a monotonically increasing counter (resource versions, alert rule ids). */
export function nextSequence(db: Store, name: string): number {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(name) as { value: string } | undefined;
  const next = (row ? Number(row.value) : 0) + 1;
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(name, String(next));
  return next;
}

export function getMeta(db: Store, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function setMeta(db: Store, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
