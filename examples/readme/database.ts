// The `./database` module the README's snippets import: your Kysely instance. Here an in-memory SQLite
// database, so that the README's code compiles (tsc) and runs in a test as it is written.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: your own database type goes here
export const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
