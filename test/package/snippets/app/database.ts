// The README's `import { db } from './database'`: the app's own Kysely instance (examples/readme/database.ts).
import type { Kysely } from 'kysely';

export declare const db: Kysely<Record<string, never>>;
