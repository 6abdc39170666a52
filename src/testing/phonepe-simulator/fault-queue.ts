import type { FaultScope, PhonePeSimulatorFault } from './faults';
import type { SimulatorEndpoint } from './route';

interface FaultRule {
  fault: PhonePeSimulatorFault;
  endpoint: SimulatorEndpoint | 'any';
  remaining: number;
  skip: number;
}

/** The faults injected and not yet used up, in injection order. */
export interface FaultQueue {
  inject(fault: PhonePeSimulatorFault, scope: FaultScope): void;
  clear(): void;
  /**
   * The faults that hit one request to `endpoint`, used up as they are taken: every due latency (added
   * up) and the first other due fault. A rule still skipping counts this request as one skipped.
   */
  take(endpoint: SimulatorEndpoint): { latencyMs: number; fault?: PhonePeSimulatorFault };
}

export function createFaultQueue(): FaultQueue {
  let rules: FaultRule[] = [];
  return {
    inject(fault, scope) {
      rules.push({
        fault,
        endpoint: scope.endpoint ?? 'status',
        remaining: scope.times ?? 1,
        skip: scope.skip ?? 0,
      });
    },
    clear() {
      rules = [];
    },
    take(endpoint) {
      let latencyMs = 0;
      let fault: PhonePeSimulatorFault | undefined;
      for (const rule of rules) {
        if (rule.remaining <= 0 || (rule.endpoint !== 'any' && rule.endpoint !== endpoint)) continue;
        if (rule.skip > 0) {
          rule.skip--;
          continue;
        }
        if (rule.fault.type === 'latency') {
          latencyMs += rule.fault.ms;
          rule.remaining--;
        } else if (!fault) {
          fault = rule.fault;
          rule.remaining--;
        }
      }
      rules = rules.filter((rule) => rule.remaining > 0);
      return fault ? { latencyMs, fault } : { latencyMs };
    },
  };
}
