import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { OrderSyncDialect } from './kysely-repository-options';

/** Kysely's own adapter classes, by class name. */
const ADAPTERS: Readonly<Record<string, OrderSyncDialect>> = {
  PostgresAdapter: 'postgres',
  MysqlAdapter: 'mysql',
  SqliteAdapter: 'sqlite',
};

/** How each dialect's query compiler writes `${sql.id('x')} = ${1}`. */
const COMPILED_PROBE: Readonly<Record<OrderSyncDialect, string>> = {
  postgres: '"x" = $1',
  mysql: '`x` = ?',
  sqlite: '"x" = ?',
};

/**
 * @internal The dialect of a Kysely instance; `undefined` when it is none of ours.
 *
 * Never `instanceof`: an app may load kysely twice (its CommonJS build through one import path, its ESM
 * build through ours), and an adapter from one copy is no instance of the other copy's classes. So:
 * 1. the adapter's class name, walking up its prototype chain (a third-party adapter that extends
 *    Kysely's `PostgresAdapter` counts, from either copy);
 * 2. confirmed by how the instance's own compiler writes a tiny query (placeholder and identifier quote),
 *    so that a foreign adapter that merely shares a name is not mistaken for one of ours.
 * A bundle that minifies kysely's class names fails step 1 and gets the "pass `dialect`" error, never a
 * wrong guess.
 */
export function detectDialect<DB>(db: Kysely<DB>): OrderSyncDialect | undefined {
  try {
    const executor = db.getExecutor();
    const named = adapterDialect(executor.adapter);
    if (!named) return undefined;
    // Without the instance's plugins: they must neither see nor rewrite a query that never runs.
    const bare = { getExecutor: () => executor.withoutPlugins() };
    return sql`${sql.id('x')} = ${1}`.compile(bare).sql === COMPILED_PROBE[named] ? named : undefined;
  } catch {
    // Not a usable Kysely instance: the caller asks for `dialect`.
    return undefined;
  }
}

function adapterDialect(adapter: unknown): OrderSyncDialect | undefined {
  if (typeof adapter !== 'object' || adapter === null) return undefined;
  for (
    let proto: unknown = Object.getPrototypeOf(adapter);
    typeof proto === 'object' && proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    const ctor: unknown = Object.hasOwn(proto, 'constructor')
      ? (proto as { constructor: unknown }).constructor
      : undefined;
    const name = typeof ctor === 'function' ? ctor.name : '';
    if (Object.hasOwn(ADAPTERS, name)) return ADAPTERS[name];
  }
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
