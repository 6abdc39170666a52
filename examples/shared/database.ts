// The database behind the Kysely repository: a SQLite file by default (better-sqlite3), PostgreSQL when
// DATABASE_URL is a postgres:// URL. The schema is created on start (idempotent).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from 'phonepe-order-sync';
import { migrateOrderSyncSchema } from 'phonepe-order-sync/kysely';

/** The default SQLite file, relative to the working directory. */
export const DEFAULT_SQLITE_FILE = '.tmp/example-shop.sqlite';

export interface ExampleDatabase {
  // biome-ignore lint/suspicious/noExplicitAny: the examples speak to the default tables without a typed schema
  db: Kysely<any>;
  kind: 'sqlite' | 'postgres';
  /** Closes the pool / the SQLite file. */
  close(): Promise<void>;
}

/**
 * `DATABASE_URL=postgres://user@host/db` → PostgreSQL (pg pool); anything else is a SQLite file path
 * (`file:` prefix allowed), default {@link DEFAULT_SQLITE_FILE}.
 */
export async function openDatabase(env: NodeJS.ProcessEnv, logger: Logger): Promise<ExampleDatabase> {
  const url = env.DATABASE_URL ?? '';
  if (/^postgres(ql)?:\/\//.test(url)) {
    const db = new Kysely({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }),
    });
    await migrateOrderSyncSchema(db);
    logger.info({ event: 'database', kind: 'postgres' }, 'using PostgreSQL from DATABASE_URL');
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const file = resolve(url.replace(/^file:/, '') || DEFAULT_SQLITE_FILE);
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateOrderSyncSchema(db);
  logger.info(
    { event: 'database', kind: 'sqlite', file },
    'using SQLite (set DATABASE_URL=postgres://... for PostgreSQL)',
  );
  return { db, kind: 'sqlite', close: () => db.destroy() };
}
