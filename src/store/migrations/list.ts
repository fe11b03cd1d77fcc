/**
 * Versioned migrations, applied in order, each in its own transaction. Never edit one that has
 * shipped: add a new one. Resource tables are not here: schema.ts derives them from the
 * search-parameter registry and the runner reconciles them after these.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'tenants, users, sessions, audit log, outbox, inbox, settings',
    sql: `
      CREATE TABLE tenant (
        id text PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE app_user (
        tenant text NOT NULL REFERENCES tenant(id),
        id text NOT NULL,
        username text NOT NULL,
        display text NOT NULL,
        role text NOT NULL,
        practitioner_id text,
        password_hash text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, id)
      );
      CREATE UNIQUE INDEX app_user_username_idx ON app_user (lower(username));
      CREATE TABLE app_session (
        token_hash text PRIMARY KEY,
        tenant text NOT NULL,
        user_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('cookie', 'bearer')),
        csrf_token text,
        label text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        revoked boolean NOT NULL DEFAULT false
      );
      CREATE INDEX app_session_user_idx ON app_session (tenant, user_id);
      CREATE TABLE audit_log (
        seq bigserial PRIMARY KEY,
        tenant text NOT NULL,
        recorded timestamptz NOT NULL,
        user_id text,
        username text,
        role text,
        action text NOT NULL,
        operation text NOT NULL,
        resource_type text,
        resource_id text,
        patient text,
        outcome text NOT NULL,
        outcome_desc text,
        source text,
        query text,
        chain_pos bigint UNIQUE,
        prev_hash text,
        hash text
      );
      CREATE INDEX audit_log_unsealed_idx ON audit_log (seq) WHERE hash IS NULL;
      CREATE INDEX audit_log_tenant_time_idx ON audit_log (tenant, recorded DESC);
      CREATE INDEX audit_log_tenant_patient_idx ON audit_log (tenant, patient, recorded DESC);
      CREATE INDEX audit_log_tenant_user_idx ON audit_log (tenant, username, recorded DESC);
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        tenant text NOT NULL,
        channel text NOT NULL,
        destination text NOT NULL,
        payload text NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      );
      CREATE INDEX outbox_pending_idx ON outbox (channel, next_attempt_at) WHERE status = 'pending';
      CREATE TABLE inbox (
        id bigserial PRIMARY KEY,
        tenant text NOT NULL,
        channel text NOT NULL,
        source text,
        message_id text,
        raw text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'received',
        error text,
        processed_at timestamptz
      );
      CREATE INDEX inbox_status_idx ON inbox (tenant, channel, status);
      CREATE UNIQUE INDEX inbox_message_idx ON inbox (tenant, channel, message_id) WHERE message_id IS NOT NULL;
      CREATE TABLE setting (
        tenant text NOT NULL,
        key text NOT NULL,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, key)
      );
      CREATE TABLE search_layout (
        id integer PRIMARY KEY CHECK (id = 1),
        hash text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    name: 'counters (accession numbers and other per-organisation sequences)',
    sql: `
      CREATE TABLE counter (
        tenant text NOT NULL,
        name text NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (tenant, name)
      );
    `,
  },
  {
    version: 3,
    name: 'inbox: messages waiting to be processed, oldest first (the lab results filer takes them from here)',
    sql: `
      CREATE INDEX inbox_waiting_idx ON inbox (channel, id) WHERE status = 'received';
    `,
  },
  {
    version: 4,
    name: 'GIN indexes of Observation and DiagnosticReport gather new entries in a pending list of at most 256 kB (lab results are filed in bulk)',
    // a new database has no resource tables yet at this point: they are created after the migrations, already so
    sql: `
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
                 WHERE a.amname = 'gin' AND i.indrelid IN (to_regclass('res_observation'), to_regclass('res_diagnosticreport'))
        LOOP
          EXECUTE format('ALTER INDEX %I SET (fastupdate = on, gin_pending_list_limit = 256)', r.relname);
        END LOOP;
      END $$;
    `,
  },
];
