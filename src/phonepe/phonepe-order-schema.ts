import * as z from 'zod';

// PhonePe asks integrators to "avoid strict deserialization": fields appear, change type or come as
// `null` over time. Only the order `state` decides anything, so it is the one field whose absence
// rejects an answer; every other field is read when usable and otherwise treated as absent (`.catch`),
// so that one odd value in a field nobody uses cannot make every check of an order fail.

/** A non-empty string, else absent. */
const text = z.string().min(1).optional().catch(undefined);

/**
 * Whole non-negative paise. PhonePe's field table types `amount` as a String while every sample shows
 * a number: digits in a string are read as that number. Anything else (a fraction, a negative, `null`)
 * is absent: the amount check is then skipped for this answer, never guessed.
 */
const paise = z
  .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)])
  .pipe(z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER))
  .optional()
  .catch(undefined);

/** Epoch milliseconds (`timestamp`, `expireAt`), as a number or digits in a string, else absent. */
const epochMs = z
  .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)])
  .pipe(z.number().finite())
  .optional()
  .catch(undefined);

/**
 * One payment attempt as PhonePe reports it (status response `paymentDetails[]`, webhook payload).
 * Lenient: unknown keys are kept; a used field with an unusable value is treated as absent.
 */
export const phonePePaymentDetailSchema = z.looseObject({
  transactionId: text,
  paymentMode: text,
  timestamp: epochMs,
  amount: paise,
  state: text,
  errorCode: text,
  detailedErrorCode: text,
});

/** The attempts list: an entry that is not an object is skipped; a list that is not an array is empty. */
const attempts = z
  .array(phonePePaymentDetailSchema.nullable().catch(null))
  .transform((list) => list.filter((attempt) => attempt !== null))
  .optional()
  .catch(undefined);

/**
 * The order object PhonePe returns from the v2 status API and sends as a webhook `payload`.
 * Only `state` (a non-empty string) is required; see the note on leniency above.
 */
export const phonePeOrderSchema = z.looseObject({
  orderId: text,
  merchantId: text,
  merchantOrderId: text,
  state: z.string().min(1),
  amount: paise,
  expireAt: epochMs,
  errorCode: text,
  detailedErrorCode: text,
  paymentDetails: attempts,
});

/**
 * A PhonePe order (the v2 status answer, a webhook `payload`) as the gateway parses it: only `state` is
 * required, unknown keys are kept, any other field with an unusable value is absent.
 */
export type PhonePeOrder = z.infer<typeof phonePeOrderSchema>;
/** One payment attempt of a {@link PhonePeOrder} (`paymentDetails[]`), parsed as leniently. */
export type PhonePePaymentDetail = z.infer<typeof phonePePaymentDetailSchema>;
