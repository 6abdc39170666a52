import * as z from 'zod';

/** Distance between two short option names (Levenshtein), for "did you mean" hints. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + cost);
    }
    row = next;
  }
  return row[b.length]!;
}

/** The closest known name to a typo (`timeoutMS` -> `timeoutMs`, `idPatern` -> `idPattern`), if any is close. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === key.toLowerCase() ? 0 : distance(key, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

/**
 * @internal The message for an unknown option key: names it (and the object it sits in, e.g.
 * `orders` for `orders.tabel`) and suggests the closest known key.
 */
export function unknownOptionMessage(where: string, path: string, known: readonly string[]): string {
  const parts = path.split('.');
  const key = parts.pop() ?? path;
  const hint = closest(key, known);
  const within = parts.length ? `\`${parts.join('.')}\` has an ` : 'an ';
  return `${where}: ${within}unknown option \`${key}\`${hint ? ` (did you mean \`${hint}\`?)` : ''}`;
}

/** Keys of the object schema found at `path` inside `schema` (through optional, nullable and unions). */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  const unwrap = (s: z.ZodType): z.ZodType[] => {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) return unwrap(s.unwrap() as z.ZodType);
    if (s instanceof z.ZodUnion) return (s.options as z.ZodType[]).flatMap(unwrap);
    return [s];
  };
  const objectOf = (s: z.ZodType) =>
    unwrap(s).find((member): member is z.ZodObject => member instanceof z.ZodObject);
  for (const step of path) {
    const object = current && objectOf(current);
    current = object?.shape[String(step)] as z.ZodType | undefined;
  }
  const object = current && objectOf(current);
  return object ? Object.keys(object.shape) : [];
}

/**
 * @internal Turns the first zod issue of a bad options object into the built-in error a programmer
 * expects: `RangeError` for an out-of-range number, `TypeError` for everything else (an unknown key
 * included), naming the option.
 */
export function optionsError(where: string, error: z.ZodError, schema?: z.ZodType): TypeError | RangeError {
  const issue = error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const path = [...issue.path, issue.keys[0] ?? ''].join('.');
    return new TypeError(unknownOptionMessage(where, path, schema ? knownKeysAt(schema, issue.path) : []));
  }
  const path = issue?.path.length ? issue.path.join('.') : 'options';
  const message = `${where}: \`${path}\` ${issue?.message ?? 'is invalid'}`;
  return issue?.code === 'too_small' || issue?.code === 'too_big'
    ? new RangeError(message)
    : new TypeError(message);
}

/**
 * @internal Validates a factory's options at construction and returns what `schema` parsed:
 * `TypeError` when they are not an object, then {@link optionsError} for the first issue `schema` finds.
 * Build `schema` from `z.strictObject` at every level, so an unknown key (a typo such as `timeoutMS`)
 * is a `TypeError` naming it instead of being silently ignored. `hint` is appended to the not-an-object
 * message.
 */
export function parseOptions<S extends z.ZodType>(
  where: string,
  schema: S,
  options: unknown,
  hint = '',
): z.output<S> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${where}: options must be an object${hint}`);
  }
  const parsed = schema.safeParse(options);
  if (!parsed.success) throw optionsError(where, parsed.error, schema);
  return parsed.data;
}

/**
 * @internal For options checked by hand rather than by a zod schema: a `TypeError` naming the first
 * own key of `options` that is not in `known`.
 */
export function assertKnownKeys(where: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(unknownOptionMessage(where, key, known));
  }
}
