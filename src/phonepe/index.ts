/**
 * PhonePe specifics: the v2 gateway (and the legacy v1 one), webhook verification and the mapping of
 * PhonePe's order object.
 * @module phonepe-order-sync/phonepe
 */
export {
  createPhonePeGateway,
  type PhonePeGateway,
  type PhonePeGatewayOptions,
  type PhonePeV2Gateway,
} from './create-phonepe-gateway';
export { createPhonePeV1Gateway, type PhonePeV1GatewayOptions } from './create-phonepe-v1-gateway';
export type { PhonePeEnvironment } from './phonepe-environments';
export type { PhonePeFetch } from './phonepe-http';
export type { PhonePeOrder, PhonePePaymentDetail } from './phonepe-order-schema';
export {
  type CadenceStep,
  createPhonePeSchedule,
  PHONEPE_CADENCE,
  type PhonePeScheduleOptions,
} from './phonepe-schedule';
export type { PhonePeRetryOptions } from './retry-policy';
export { toGatewayPaymentStatus } from './to-gateway-payment-status';
export {
  type PhonePeWebhookCredentials,
  type PhonePeWebhookEvent,
  verifyPhonePeWebhook,
} from './verify-phonepe-webhook';
