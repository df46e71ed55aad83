// The approvals tables. Timestamps are ISO-8601 UTC text, JSON is text, flags are 0/1 (storage conventions).
import type { Db } from '../storage/types';

export const GENESIS_HASH = '0'.repeat(64);

const REQUESTS = `
CREATE TABLE approval_requests (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  urgent INTEGER NOT NULL,
  version INTEGER NOT NULL,
  rev INTEGER NOT NULL,
  event_count INTEGER NOT NULL,
  requester_id TEXT NOT NULL,
  requester_person TEXT,
  record TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  remind_at TEXT,
  reminders_sent INTEGER NOT NULL DEFAULT 0,
  escalate_at TEXT,
  escalation_level INTEGER NOT NULL DEFAULT 0,
  expire_at TEXT
);
CREATE INDEX approval_requests_requester ON approval_requests (requester_id, created_at);
CREATE INDEX approval_requests_person ON approval_requests (requester_person, created_at);
CREATE INDEX approval_requests_kind ON approval_requests (kind, created_at);
CREATE INDEX approval_requests_remind ON approval_requests (remind_at);
CREATE INDEX approval_requests_escalate ON approval_requests (escalate_at);
CREATE INDEX approval_requests_expire ON approval_requests (expire_at);
CREATE TABLE approval_participants (
  request_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  aad_object_id TEXT,
  PRIMARY KEY (request_id, person_id)
);
CREATE INDEX approval_participants_person ON approval_participants (person_id);
CREATE INDEX approval_participants_aad ON approval_participants (aad_object_id);
CREATE TABLE approval_events (
  request_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  actor TEXT,
  at TEXT NOT NULL,
  version INTEGER NOT NULL,
  state TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (request_id, seq)
);
CREATE TABLE approval_outbox (
  id TEXT PRIMARY KEY,
  request_id TEXT,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  available_at TEXT NOT NULL,
  lease_token TEXT,
  lease_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX approval_outbox_due ON approval_outbox (status, available_at);
CREATE TABLE approval_refs (
  ref TEXT PRIMARY KEY,
  request_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX approval_refs_request ON approval_refs (request_id);
CREATE TABLE approval_config (
  name TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;

const AUDIT = `
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT,
  actor TEXT,
  data TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}');
`;

/** Rows of audit_log cannot be updated or deleted through SQL (defence in depth; the hash chain is the proof). */
const AUDIT_GUARD = {
  sqlite: `
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
  postgres: `
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END
$fn$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
`,
};

export async function migrateApprovals(db: Db): Promise<void> {
  await db.migrate('approvals/001-requests', REQUESTS);
  await db.migrate('approvals/002-audit-log', AUDIT);
  await db.migrate('approvals/003-audit-append-only', AUDIT_GUARD);
}
