export { createPhonePeSimulator, type PhonePeSimulatorOptions } from './create-phonepe-simulator';
export type { FaultScope, PhonePeSimulatorFault } from './faults';
export type { PhonePeSimulator } from './phonepe-simulator';
export type { SimulatorEndpoint } from './route';
export type { SimulatedOrderInput, SimulatedState, SimulatedTransition } from './simulated-order';
export type { SimulatorRequest, SimulatorRequestRecord, SimulatorResponse } from './wire';
