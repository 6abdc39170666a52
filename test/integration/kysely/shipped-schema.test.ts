// The DDL shipped in the package (schema/*.sql) is what migrateOrderSyncSchema creates: each dialect's file
// and the migration are applied to two fresh databases and their catalogs compared (columns with types,
// nullability and defaults; indexes; constraints). Editing one without the other fails here.
import { readFileSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOrderSyncSchema, migrateOrderSyncSchema } from '../../../src/repositories/kysely/index';
import { createTestDatabase, type Dialect, type TestDatabase } from './support/test-databases';

const FILES: Record<Dialect, string> = { postgres: 'postgres.sql', mysql: 'mysql.sql', sqlite: 'sqlite.sql' };

const shippedStatements = (dialect: Dialect): string[] =>
  readFileSync(new URL(`../../../schema/${FILES[dialect]}`, import.meta.url), 'utf8')
    .split(/;[ \t]*(?:\r?\n|$)/)
    // A chunk of comments only is no statement (better-sqlite3 refuses an empty one).
    .filter((chunk) => chunk.replace(/--[^\n]*/g, '').trim() !== '');

// biome-ignore lint/suspicious/noExplicitAny: catalog queries over an untyped Kysely
type Db = Kysely<any>;
const rows = async (db: Db, query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
/** SQLite keeps a table's DDL text: compared without comments and whitespace. */
const normalise = (ddl: unknown) =>
  String(ddl)
    .replace(/--[^\n]*/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();

async function catalog(db: Db, dialect: Dialect): Promise<unknown> {
  if (dialect === 'postgres') {
    return {
      columns: await rows(
        db,
        sql`select table_name, column_name, data_type, character_maximum_length, is_nullable, column_default,
          is_identity, identity_generation from information_schema.columns where table_schema = 'public'
          order by table_name, ordinal_position`,
      ),
      indexes: await rows(
        db,
        sql`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`,
      ),
      constraints: await rows(
        db,
        sql`select conrelid::regclass::text as table_name, conname, contype, pg_get_constraintdef(oid) as def
          from pg_constraint where connamespace = 'public'::regnamespace order by conname`,
      ),
    };
  }
  if (dialect === 'mysql') {
    return {
      tables: await rows(
        db,
        sql`select table_name, engine from information_schema.tables where table_schema = database() order by table_name`,
      ),
      columns: await rows(
        db,
        sql`select table_name, column_name, column_type, is_nullable, column_default, extra
          from information_schema.columns where table_schema = database() order by table_name, ordinal_position`,
      ),
      indexes: await rows(
        db,
        sql`select table_name, index_name, non_unique, seq_in_index, column_name from information_schema.statistics
          where table_schema = database() order by table_name, index_name, seq_in_index`,
      ),
      checks: await rows(
        db,
        sql`select table_name, constraint_name, check_clause from information_schema.check_constraints
          where constraint_schema = database() order by table_name, constraint_name`,
      ),
      foreignKeys: await rows(
        db,
        sql`select table_name, constraint_name, referenced_table_name, delete_rule, update_rule
          from information_schema.referential_constraints where constraint_schema = database() order by constraint_name`,
      ),
    };
  }
  const objects = await rows(
    db,
    sql`select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by name`,
  );
  const tables: Record<string, unknown> = {};
  for (const { name } of objects.filter((o) => (o as { type: string }).type === 'table') as Array<{
    name: string;
  }>) {
    tables[name] = {
      columns: await rows(db, sql`select * from pragma_table_info(${name})`),
      foreignKeys: await rows(db, sql`select * from pragma_foreign_key_list(${name})`),
      indexes: await rows(
        db,
        sql`select name, "unique", origin, partial from pragma_index_list(${name}) order by name`,
      ),
    };
  }
  return {
    objects: objects.map((o) => ({ ...(o as object), sql: normalise((o as { sql: unknown }).sql) })),
    tables,
  };
}

describe.each<[Dialect]>([['postgres'], ['mysql'], ['sqlite']])('schema/%s', (dialect) => {
  let migrated: TestDatabase;
  let shipped: TestDatabase;
  beforeAll(async () => {
    [migrated, shipped] = await Promise.all([createTestDatabase(dialect), createTestDatabase(dialect)]);
  });
  afterAll(async () => {
    await migrated?.drop();
    await shipped?.drop();
  });

  it('creates exactly what migrateOrderSyncSchema creates, and is idempotent', async () => {
    await migrateOrderSyncSchema(migrated.db);
    const statements = shippedStatements(dialect);
    expect(statements.length).toBeGreaterThanOrEqual(2);
    for (let run = 0; run < 2; run++) {
      for (const statement of statements) await sql.raw(statement).execute(shipped.db);
    }
    const [fromMigration, fromFile] = await Promise.all([
      catalog(migrated.db, dialect),
      catalog(shipped.db, dialect),
    ]);
    expect(JSON.stringify(fromMigration)).toContain('reconcile_lease_until');
    expect(fromFile).toEqual(fromMigration);
    await expect(checkOrderSyncSchema(shipped.db)).resolves.toMatchObject({ ok: true });
  });
});

describe('package.json', () => {
  it('ships the schema directory', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      files: string[];
    };
    expect(pkg.files).toContain('schema');
  });
});
