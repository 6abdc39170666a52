export { type Clock, systemClock } from './clock';
export { type LogFn, type Logger, silentLogger } from './logger';
export type {
  ClaimPendingOrdersQuery,
  OrderClaimRelease,
  OrderRepository,
  PendingOrdersCursor,
  PendingOrdersQuery,
} from './order-repository';
export type { GatewayCallOptions, GatewayPaymentStatus, PaymentGateway } from './payment-gateway';
