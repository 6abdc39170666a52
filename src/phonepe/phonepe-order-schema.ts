import * as z from 'zod';

/**
 * One payment attempt as PhonePe reports it (status response `paymentDetails[]`, webhook payload).
 * Lenient: unknown keys are allowed (PhonePe adds fields over time); strict only on what is used.
 */
export const phonePePaymentDetailSchema = z.looseObject({
  transactionId: z.string().min(1).optional(),
  paymentMode: z.string().optional(),
  timestamp: z.number().optional(),
  amount: z.number().int().nonnegative().optional(),
  state: z.string().optional(),
  errorCode: z.string().optional(),
  detailedErrorCode: z.string().optional(),
});

/** The order object PhonePe returns from the v2 status API and sends as a webhook `payload`. */
export const phonePeOrderSchema = z.looseObject({
  orderId: z.string().optional(),
  merchantId: z.string().optional(),
  merchantOrderId: z.string().optional(),
  state: z.string().min(1),
  amount: z.number().int().nonnegative().optional(),
  expireAt: z.number().optional(),
  errorCode: z.string().optional(),
  detailedErrorCode: z.string().optional(),
  paymentDetails: z.array(phonePePaymentDetailSchema).nullish(),
});

/** A PhonePe order as parsed by {@link phonePeOrderSchema}. */
export type PhonePeOrder = z.infer<typeof phonePeOrderSchema>;
/** A PhonePe payment attempt as parsed by {@link phonePePaymentDetailSchema}. */
export type PhonePePaymentDetail = z.infer<typeof phonePePaymentDetailSchema>;
