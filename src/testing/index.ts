/**
 * Test helpers for phonepe-order-sync users: an in-memory repository, a scriptable gateway, fixtures
 * and the repository contract suite.
 * @packageDocumentation
 */
export {
  createFakePaymentGateway,
  type FakeGatewayAnswer,
  type FakePaymentGateway,
} from './fake-payment-gateway';
export { buildOrderPayment, type OrderPaymentFixture } from './fixtures';
export { createMemoryOrderRepository, type MemoryOrderRepository } from './memory-order-repository';
export {
  type ContractSubject,
  type OrderRepositoryContractOptions,
  runOrderRepositoryContract,
} from './order-repository-contract';
