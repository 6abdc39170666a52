export { type Clock, systemClock } from './clock';
export { type LogFn, type Logger, silentLogger } from './logger';
export type { OrderRepository, PendingOrdersQuery } from './order-repository';
export type { GatewayCallOptions, GatewayPaymentStatus, PaymentGateway } from './payment-gateway';
