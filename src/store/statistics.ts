import type { Db } from './db.js';

const ANALYZE_LOCK = 7_042_003;

/**
 * Refreshes the planner's statistics of the record's tables that changed a lot since they were last
 * analysed, by autovacuum's default rule (50 rows + 10% of the table). Without statistics PostgreSQL
 * guesses, and a guess that one organisation's rows are few makes every name search read all of them.
 * Autovacuum does this where it is on; where it is off or behind, this keeps the plans sane. One process
 * at a time. Returns the tables analysed.
 */
export async function analyzeChangedTables(db: Db): Promise<string[]> {
  if (db.kind !== 'postgres') return []; // PGlite's counters are not kept up to date; main.ts analyses it on a timer
  return db.transaction(async (tx) => {
    const lock = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [ANALYZE_LOCK]);
    if (!lock.rows[0]?.ok) return [];
    const stale = await tx.query<{ relname: string }>(
      `SELECT relname FROM pg_stat_user_tables
       WHERE schemaname = current_schema() AND (relname LIKE 'res\\_%' OR relname = 'audit_log') AND relname NOT LIKE '%\\_history'
         AND n_mod_since_analyze > 50 + 0.1 * n_live_tup
       ORDER BY relname`,
    );
    for (const { relname } of stale.rows) await tx.exec(`ANALYZE ${relname}`);
    return stale.rows.map((r) => r.relname);
  });
}
