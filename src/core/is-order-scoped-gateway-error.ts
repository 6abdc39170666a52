import { isGatewayOrderNotFoundError } from '../errors/gateway-order-not-found-error';
import { isInvalidOrderIdError } from '../errors/invalid-order-id-error';

/**
 * @internal Whether a gateway failure is about one order rather than the gateway's health: a
 * well-formed answer that the order is unknown or its id refused. Such failures never count toward
 * the circuit breaker (they are that order's problem, not an outage).
 */
export function isOrderScopedGatewayError(error: unknown): boolean {
  return isGatewayOrderNotFoundError(error) || isInvalidOrderIdError(error);
}
