/**
 * Test helpers for phonepe-order-sync users: an in-memory repository, a scriptable gateway, fixtures
 * and the repository contract suite.
 * @module phonepe-order-sync/testing
 */
export {
  createFakePaymentGateway,
  type FakeGatewayAnswer,
  type FakePaymentGateway,
} from './fake-payment-gateway';
export { buildOrderPayment, type OrderPaymentFixture } from './fixtures';
export { createMemoryOrderRepository, type MemoryOrderRepository } from './memory-order-repository';
export { runOrderRepositoryContract } from './order-repository-contract';
export type {
  ContractSubject,
  OrderRepositoryContractCase,
  OrderRepositoryContractContext,
  OrderRepositoryContractGroup,
  OrderRepositoryContractOptions,
} from './order-repository-contract-options';
export { ORDER_REPOSITORY_CONTRACT_CASES } from './order-repository-contract-options';
export {
  type PhonePeHandlersOptions,
  type PhonePeMswHandler,
  phonePeHandlers,
} from './phonepe-msw-handlers';
export {
  createPhonePeSimulator,
  type FaultScope,
  type PhonePeSimulator,
  type PhonePeSimulatorFault,
  type PhonePeSimulatorOptions,
  type SimulatedOrderInput,
  type SimulatedState,
  type SimulatedTransition,
  type SimulatorEndpoint,
  type SimulatorRequest,
  type SimulatorRequestRecord,
  type SimulatorResponse,
} from './phonepe-simulator';
export {
  buildPhonePeWebhook,
  type PhonePeWebhookFixture,
  type PhonePeWebhookRequest,
  phonePeWebhookAuthorization,
} from './phonepe-webhook-fixtures';
export {
  type ServedPhonePeSimulator,
  type ServePhonePeSimulatorOptions,
  servePhonePeSimulator,
} from './serve-phonepe-simulator';
