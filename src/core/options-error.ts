import type * as z from 'zod';

/**
 * @internal Turns the first zod issue of a bad options object into the built-in error a programmer
 * expects: `RangeError` for an out-of-range number, `TypeError` for everything else, naming the option.
 */
export function optionsError(where: string, error: z.ZodError): TypeError | RangeError {
  const issue = error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : 'options';
  const message = `${where}: \`${path}\` ${issue?.message ?? 'is invalid'}`;
  return issue?.code === 'too_small' || issue?.code === 'too_big'
    ? new RangeError(message)
    : new TypeError(message);
}

/**
 * @internal Validates a factory's options at construction and returns what `schema` parsed:
 * `TypeError` when they are not an object, then {@link optionsError} for the first issue `schema` finds.
 * `hint` is appended to the not-an-object message.
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
  if (!parsed.success) throw optionsError(where, parsed.error);
  return parsed.data;
}
