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
