// Type tests, checked by `tsc -p .` (`npm run typecheck`, part of `npm test`); nothing here runs.
// The check beside every options schema in src/ (`AssertNoDrift<OptionsSchemaDrift<Options, z.input<...>>>`)
// must name each way a schema and its options type can drift apart, and stay quiet when they agree.
import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import type { AssertNoDrift, OptionsSchemaDrift } from '../../src/core/options-schema-drift';

interface Retry {
  limit?: number;
  delayMs?: number;
}
interface Options {
  url: string;
  timeoutMs?: number;
  mode?: 'a' | 'b';
  retry?: Retry | false;
  onEvent?: (event: { name: string }) => void;
  logger?: { info(message: string): void };
}
const schema = z.strictObject({
  url: z.string(),
  timeoutMs: z.number().int().optional(),
  mode: z.enum(['a', 'b']).optional(),
  retry: z
    .union([
      z.literal(false),
      z.strictObject({ limit: z.number().optional(), delayMs: z.number().optional() }),
    ])
    .optional(),
  onEvent: z.custom<(...args: unknown[]) => unknown>((v) => typeof v === 'function').optional(),
  // Checked by hand elsewhere: the schema only lists the key.
  logger: z.unknown().optional(),
});
type Input = z.input<typeof schema>;

describe('OptionsSchemaDrift', () => {
  it('is never when the schema and the type agree', () => {
    expectTypeOf<OptionsSchemaDrift<Options, Input>>().toBeNever();
    type Agree = AssertNoDrift<OptionsSchemaDrift<Options, Input>>;
    expectTypeOf<Agree>().toBeNever();
  });

  it('names an option added to the type only, or to the schema only', () => {
    expectTypeOf<
      OptionsSchemaDrift<Options & { signal?: AbortSignal }, Input>
    >().toEqualTypeOf<'signal: in the options type, not in the schema'>();
    const wider = schema.extend({ verbose: z.boolean().optional() });
    expectTypeOf<
      OptionsSchemaDrift<Options, z.input<typeof wider>>
    >().toEqualTypeOf<'verbose: in the schema, not in the options type'>();
    // @ts-expect-error AssertNoDrift refuses any drift
    type _Refused = AssertNoDrift<OptionsSchemaDrift<Options & { signal?: AbortSignal }, Input>>;
  });

  it('names drift inside nested option objects, with its path', () => {
    const nested = schema.extend({
      retry: z.union([z.literal(false), z.strictObject({ limit: z.number().optional() })]).optional(),
    });
    expectTypeOf<
      OptionsSchemaDrift<Options, z.input<typeof nested>>
    >().toEqualTypeOf<'retry.delayMs: in the options type, not in the schema'>();
  });

  it('names a key the schema requires and the type leaves optional (the reverse is allowed)', () => {
    const strict = schema.extend({ timeoutMs: z.number() });
    expectTypeOf<
      OptionsSchemaDrift<Options, z.input<typeof strict>>
    >().toEqualTypeOf<'timeoutMs: required by the schema, optional in the type'>();
    const loose = schema.extend({ url: z.string().optional() });
    expectTypeOf<OptionsSchemaDrift<Options, z.input<typeof loose>>>().toBeNever();
  });

  it('names values one side allows and the other refuses', () => {
    const narrower = schema.extend({ mode: z.enum(['a']).optional() });
    expectTypeOf<
      OptionsSchemaDrift<Options, z.input<typeof narrower>>
    >().toEqualTypeOf<'mode: the type allows values the schema refuses'>();
    const wider = schema.extend({ mode: z.enum(['a', 'b', 'c']).optional() });
    expectTypeOf<
      OptionsSchemaDrift<Options, z.input<typeof wider>>
    >().toEqualTypeOf<'mode: the schema accepts values the type refuses'>();
    const notAFunction = schema.extend({ onEvent: z.string().optional() });
    expectTypeOf<
      OptionsSchemaDrift<Options, z.input<typeof notAFunction>>
    >().toExtend<`onEvent: ${string}`>();
  });

  it('checks a list of known keys (assertKnownKeys) the same way', () => {
    const KEYS = ['url', 'timeoutMs', 'mode', 'retry', 'onEvent', 'logger'] as const;
    expectTypeOf<OptionsSchemaDrift<Options, Partial<Record<(typeof KEYS)[number], unknown>>>>().toBeNever();
    const SHORT = ['url', 'timeoutMs'] as const;
    expectTypeOf<
      OptionsSchemaDrift<Options, Partial<Record<(typeof SHORT)[number], unknown>>>
    >().toExtend<`${'mode' | 'retry' | 'onEvent' | 'logger'}: in the options type, not in the schema`>();
  });
});
