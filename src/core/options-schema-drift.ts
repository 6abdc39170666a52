// Compile-time only: nothing here exists at run time.

type AnyFunction = (...args: never[]) => unknown;

/** The plain-object members of an option's type (functions and arrays left out): where nested keys live. */
type ObjectPart<T> = Exclude<Extract<NonNullable<T>, object>, AnyFunction | readonly unknown[]>;

type IsUnknown<T> = unknown extends T ? true : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Mutually assignable with the same keys (optional keys make `{ a?: 1 }` and `{}` mutually assignable). */
type Identical<A, B> = Same<A, B> extends true ? Same<keyof A, keyof B> : false;
type IsRequired<T, K extends keyof T> = object extends Pick<T, K> ? false : true;
type HasFunction<T> = [Extract<T, AnyFunction>] extends [never] ? false : true;

/** Keys of one side missing on the other, as messages. */
type MissingKeys<From, To, Path extends string, Message extends string> = {
  [K in Exclude<keyof From, keyof To> & string]: `${Path}${K}: ${Message}`;
}[Exclude<keyof From, keyof To> & string];

/**
 * How one shared option differs. A schema may accept more than the type (`z.unknown()` for a dependency
 * checked by hand, a key optional here and required in the type), never less; when it names a type of
 * its own (not `unknown`), it must not accept values the type refuses either. Functions are compared as
 * "accepts a function", since `z.custom` cannot check a signature.
 */
type ValueDrift<Type, Input, K extends keyof Type & keyof Input, Path extends string> =
  | (IsRequired<Input, K> extends true
      ? IsRequired<Type, K> extends true
        ? never
        : `${Path}: required by the schema, optional in the type`
      : never)
  | (IsUnknown<Input[K]> extends true
      ? never
      :
          | (HasFunction<Type[K]> extends HasFunction<Input[K]>
              ? never
              : `${Path}: a function in one of the type and the schema only`)
          | ([Exclude<Type[K], AnyFunction | undefined>] extends [Exclude<Input[K], AnyFunction>]
              ? never
              : `${Path}: the type allows values the schema refuses`)
          | ([Exclude<Input[K], AnyFunction | undefined>] extends [Exclude<Type[K], AnyFunction>]
              ? never
              : `${Path}: the schema accepts values the type refuses`)
          | (Identical<ObjectPart<Type[K]>, ObjectPart<Input[K]>> extends true
              ? never
              : OptionsSchemaDrift<ObjectPart<Type[K]>, ObjectPart<Input[K]>, `${Path}.`>));

/**
 * @internal Where an exported options type and the input type of the zod schema that validates it
 * disagree, at every level of nesting, as one message per difference (`never` when they agree): a key
 * in one and not the other, a key the schema requires and the type leaves optional, values one side
 * allows and the other refuses. Pass it to {@link AssertNoDrift} beside the schema, so that adding an
 * option to the type and not the schema (or the reverse) fails `tsc` and names the option.
 * @example
 * ```ts
 * import * as z from 'zod';
 *
 * interface RetryOptions { limit?: number; maxDelayMs?: number }
 * const schema = z.strictObject({ limit: z.number().optional(), maxDelayMs: z.number().optional() });
 * type _SchemaMatchesOptions = AssertNoDrift<OptionsSchemaDrift<RetryOptions, z.input<typeof schema>>>;
 * ```
 */
export type OptionsSchemaDrift<Type, Input, Path extends string = ''> =
  | MissingKeys<Type, Input, Path, 'in the options type, not in the schema'>
  | MissingKeys<Input, Type, Path, 'in the schema, not in the options type'>
  | { [K in keyof Type & keyof Input & string]: ValueDrift<Type, Input, K, `${Path}${K}`> }[keyof Type &
      keyof Input &
      string];

/**
 * @internal Compiles only when `Drift` is `never`; otherwise the error quotes the drift's messages.
 * For options checked by a list of keys instead of a schema, give `Drift` as
 * `OptionsSchemaDrift<Options, Partial<Record<(typeof KEYS)[number], unknown>>>`.
 */
export type AssertNoDrift<Drift extends never> = Drift;
