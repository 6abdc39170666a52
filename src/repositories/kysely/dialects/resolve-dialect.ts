import { type Kysely, sql } from 'kysely';
import type { OrderSyncDialect } from '../kysely-repository-options';
import type { DialectAdapter } from './dialect-adapter';
import { mysqlAdapter } from './mysql';
import { postgresAdapter } from './postgres';
import { sqliteAdapter } from './sqlite';

/** Every database the repository speaks, by the `dialect` option's name. */
const ADAPTERS: Readonly<Record<OrderSyncDialect, DialectAdapter>> = {
  postgres: postgresAdapter,
  mysql: mysqlAdapter,
  sqlite: sqliteAdapter,
};

/** The same, by the name of Kysely's adapter class for each. */
const BY_KYSELY_CLASS: ReadonlyMap<string, DialectAdapter> = new Map(
  Object.values(ADAPTERS).map((adapter) => [adapter.kyselyAdapterClass, adapter]),
);

/** @internal The adapter to use (`given`, else detected), or a TypeError that says how to name it. */
export function resolveDialect<DB>(
  db: Kysely<DB>,
  given: OrderSyncDialect | undefined,
  where: string,
): DialectAdapter {
  const adapter = given ? ADAPTERS[given] : detectDialect(db);
  if (!adapter) {
    throw new TypeError(
      `${where}: cannot tell the SQL dialect from this Kysely instance; pass \`dialect\` ('postgres', 'mysql' or 'sqlite')`,
    );
  }
  return adapter;
}

/**
 * @internal The adapter of a Kysely instance's database; `undefined` when it is none of ours.
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
export function detectDialect<DB>(db: Kysely<DB>): DialectAdapter | undefined {
  try {
    const executor = db.getExecutor();
    const named = byClassName(executor.adapter);
    if (!named) return undefined;
    // Without the instance's plugins: they must neither see nor rewrite a query that never runs.
    const bare = { getExecutor: () => executor.withoutPlugins() };
    return sql`${sql.id('x')} = ${1}`.compile(bare).sql === named.compiledProbe ? named : undefined;
  } catch {
    // Not a usable Kysely instance: the caller asks for `dialect`.
    return undefined;
  }
}

function byClassName(adapter: unknown): DialectAdapter | undefined {
  if (typeof adapter !== 'object' || adapter === null) return undefined;
  for (
    let proto: unknown = Object.getPrototypeOf(adapter);
    typeof proto === 'object' && proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    const ctor: unknown = Object.hasOwn(proto, 'constructor')
      ? (proto as { constructor: unknown }).constructor
      : undefined;
    const found = typeof ctor === 'function' ? BY_KYSELY_CLASS.get(ctor.name) : undefined;
    if (found) return found;
  }
  return undefined;
}
