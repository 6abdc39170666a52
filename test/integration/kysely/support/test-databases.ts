// Throwaway databases on the real servers: each test file creates its own, with a random name, and drops
// it afterwards (other engineers run tests on the same servers at the same time).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';

export type Dialect = 'postgres' | 'mysql' | 'sqlite';

export interface TestDatabase {
  dialect: Dialect;
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests speak raw SQL through an untyped Kysely
  db: Kysely<any>;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

export const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' } as const;
export const MARIADB = { host: '127.0.0.1', port: 3306, user: 'root', password: '' } as const;

const randomName = (prefix: string) =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

export async function createPostgresDatabase(pool: { max?: number } = {}): Promise<TestDatabase> {
  const name = randomName('pos_kysely');
  const admin = new pg.Client({ ...PG, database: 'postgres' });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const db = new Kysely({
    dialect: new PostgresDialect({ pool: new pg.Pool({ ...PG, database: name, max: pool.max ?? 20 }) }),
  });
  return {
    dialect: 'postgres',
    name,
    db,
    async drop() {
      await db.destroy();
      const client = new pg.Client({ ...PG, database: 'postgres' });
      await client.connect();
      // pool.end() resolves while its clients' sessions may still be closing; a forced drop would kill
      // those with FATAL 57P01, which pg reports as an unhandled 'error' on a client no one listens to.
      for (let i = 0; i < 100; i++) {
        const { rows } = await client.query(
          'select count(*)::int as n from pg_stat_activity where datname = $1',
          [name],
        );
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export async function createMariaDatabase(): Promise<TestDatabase> {
  const name = randomName('pos_kysely');
  const admin = createPool({ ...MARIADB, connectionLimit: 1 }).promise();
  await admin.query(`create database ${name}`);
  await admin.end();
  const db = new Kysely({
    dialect: new MysqlDialect({ pool: createPool({ ...MARIADB, database: name, connectionLimit: 20 }) }),
  });
  return {
    dialect: 'mysql',
    name,
    db,
    async drop() {
      await db.destroy();
      const client = createPool({ ...MARIADB, connectionLimit: 1 }).promise();
      await client.query(`drop database if exists ${name}`);
      await client.end();
    },
  };
}

export async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'pos-kysely-'));
  const file = join(dir, 'orders.sqlite');
  const sqlite = new Database(file);
  sqlite.pragma('foreign_keys = on');
  const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    dialect: 'sqlite',
    name: file,
    db,
    async drop() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const createTestDatabase = (dialect: Dialect): Promise<TestDatabase> =>
  dialect === 'postgres'
    ? createPostgresDatabase()
    : dialect === 'mysql'
      ? createMariaDatabase()
      : createSqliteDatabase();
