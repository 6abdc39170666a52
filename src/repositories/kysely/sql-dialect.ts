import { type Kysely, MysqlAdapter, PostgresAdapter, type RawBuilder, SqliteAdapter, sql } from 'kysely';
import type { OrderSyncDialect } from './kysely-repository-options';

/** @internal The dialect of a Kysely instance, from its adapter; `undefined` when it is none of ours. */
export function detectDialect<DB>(db: Kysely<DB>): OrderSyncDialect | undefined {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof MysqlAdapter) return 'mysql';
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  return undefined;
}

/** @internal The dialect to use, or a TypeError that says how to name it. */
export function resolveDialect<DB>(
  db: Kysely<DB>,
  given: OrderSyncDialect | undefined,
  where: string,
): OrderSyncDialect {
  const dialect = given ?? detectDialect(db);
  if (!dialect) {
    throw new TypeError(
      `${where}: cannot tell the SQL dialect from this Kysely instance; pass \`dialect\` ('postgres', 'mysql' or 'sqlite')`,
    );
  }
  return dialect;
}

/**
 * @internal `additional_info.last_checked` as text. The repository sorts and filters on exactly this
 * expression, and the migration indexes exactly this expression: keep the two in step.
 */
export function lastCheckedExpression(
  dialect: OrderSyncDialect,
  column: RawBuilder<unknown>,
): RawBuilder<unknown> {
  switch (dialect) {
    case 'postgres':
      return sql`(${column}->>'last_checked')`;
    case 'mysql':
      return sql`json_unquote(json_extract(${column}, '$.last_checked'))`;
    case 'sqlite':
      return sql`json_extract(${column}, '$.last_checked')`;
  }
}

/**
 * @internal The stored object with `patch`'s top-level keys set, computed inside the UPDATE so that it
 * reads the row version the UPDATE itself locked: two concurrent writers can never lose each other's keys.
 * A shallow, key-by-key merge (not RFC 7396 merge-patch, which would recurse and delete null keys).
 */
export function mergeJsonExpression(
  dialect: OrderSyncDialect,
  column: RawBuilder<unknown>,
  patch: Record<string, unknown>,
): RawBuilder<unknown> {
  const keys = Object.keys(patch);
  const json = JSON.stringify(patch);
  if (dialect === 'postgres') {
    // `::jsonb` accepts a jsonb, json or text column alike; the result is assigned back to its type.
    return sql`(coalesce(${column}::jsonb, '{}'::jsonb) || ${json}::jsonb)`;
  }
  if (keys.length === 0) return column;
  // Each value is taken from the bound patch as JSON (MySQL/MariaDB: json_extract's result is JSON;
  // SQLite: `->` returns JSON text and json() marks it as JSON), so strings, numbers, null and nested
  // objects are stored as they are.
  const pairs = keys.map((key) => {
    const path = jsonPath(key);
    return dialect === 'mysql'
      ? sql`${path}, json_extract(${json}, ${path})`
      : sql`${path}, json(${json} -> ${path})`;
  });
  const empty = dialect === 'mysql' ? sql`json_object()` : sql`'{}'`;
  return sql`json_set(coalesce(${column}, ${empty}), ${sql.join(pairs)})`;
}

function jsonPath(key: string): string {
  if (/["\\]/.test(key)) {
    throw new TypeError(`additional_info key ${JSON.stringify(key)} cannot be addressed as a JSON path here`);
  }
  return `$."${key}"`;
}
