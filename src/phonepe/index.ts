/**
 * PhonePe specifics: webhook verification and the mapping of PhonePe's order object.
 * @packageDocumentation
 */
export type { PhonePeOrder, PhonePePaymentDetail } from './phonepe-order-schema';
export { toGatewayPaymentStatus } from './to-gateway-payment-status';
export {
  type PhonePeWebhookCredentials,
  type PhonePeWebhookEvent,
  verifyPhonePeWebhook,
} from './verify-phonepe-webhook';
