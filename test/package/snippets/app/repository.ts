// The README's `import { repository } from './repository'`: the app's own OrderRepository.
import type { OrderRepository } from 'phonepe-order-sync';

export declare const repository: OrderRepository;
