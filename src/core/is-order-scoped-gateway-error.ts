import { isGatewayOrderNotFoundError } from '../errors/gateway-order-not-found-error';
import { isGatewayUnknownStateError } from '../errors/gateway-unknown-state-error';
import { isInvalidOrderIdError } from '../errors/invalid-order-id-error';

/**
 * @internal Whether a gateway failure is about one order rather than the gateway's health: a
 * well-formed answer that the order is unknown, that its id is refused, or that it is in a state the
 * library does not know. Such failures never count toward the circuit breaker (they are that order's
 * problem, not an outage: a thousand orders with odd ids must not stop the checks of every other one).
 */
export function isOrderScopedGatewayError(error: unknown): boolean {
  return (
    isGatewayOrderNotFoundError(error) || isInvalidOrderIdError(error) || isGatewayUnknownStateError(error)
  );
}
