// Random faults for the chaos test, on top of the PhonePe simulator. Faults the simulator knows are
// injected through its own `inject(fault, { endpoint, times: 1 })` just before the request they are
// meant for is handed to it (the simulator takes its faults synchronously on arrival, so that very
// request gets it). Answers the simulator cannot give yet (an unknown state, no state, a body cut in
// the middle, odd field types) are made here from its real answer. The simulator itself is not changed.
import type {
  PhonePeSimulator,
  PhonePeSimulatorFault,
  SimulatorEndpoint,
  SimulatorResponse,
} from '../../src/testing/index';

/** A fault this wrapper can put on one request. */
export type ChaosFaultName =
  | 'http-500'
  | 'http-502'
  | 'http-503'
  | 'rate-limit'
  | 'unauthorized'
  | 'drop'
  | 'hang'
  | 'slow'
  | 'html'
  | 'malformed'
  | 'unknown-state'
  | 'no-state'
  | 'truncated'
  | 'odd-fields';

type AnswerFault = 'unknown-state' | 'no-state' | 'truncated' | 'odd-fields';

const STATUS_FAULTS: readonly ChaosFaultName[] = [
  'http-500',
  'http-502',
  'http-503',
  'rate-limit',
  'unauthorized',
  'drop',
  'hang',
  'slow',
  'html',
  'malformed',
  'unknown-state',
  'no-state',
  'truncated',
  'odd-fields',
];
const TOKEN_FAULTS: readonly ChaosFaultName[] = ['http-503', 'drop', 'hang', 'html', 'malformed'];

/** The faulty PhonePe: serve `simulator` (only its `handle` differs from the real one). */
export interface FaultyPhonePe {
  simulator: PhonePeSimulator;
  /** Probability that one token or status request gets a fault (0 turns faults off). */
  setFaultRate(rate: number): void;
  /** Faults put on requests so far, by name (storms and revocations counted by the caller). */
  readonly injected: Readonly<Record<string, number>>;
  /** Every access token the simulator handed out (secrets the test searches for). */
  readonly tokens: ReadonlySet<string>;
}

/**
 * Wraps `simulator` with random per-request faults. `hangMs` must be past the gateway's timeout.
 */
export function createFaultyPhonePe(
  simulator: PhonePeSimulator,
  options: { random: () => number; hangMs: () => number },
): FaultyPhonePe {
  const { random } = options;
  let rate = 0;
  const injected: Record<string, number> = {};
  const tokens = new Set<string>();

  function nativeFault(name: ChaosFaultName): PhonePeSimulatorFault | undefined {
    switch (name) {
      case 'http-500':
        return { type: 'http-error', status: 500 };
      case 'http-502':
        return { type: 'http-error', status: 502, code: 'BAD_GATEWAY' };
      case 'http-503':
        return { type: 'http-error', status: 503, code: 'SERVICE_UNAVAILABLE' };
      case 'rate-limit':
        return random() < 0.5 ? { type: 'rate-limit' } : { type: 'rate-limit', retryAfterSeconds: 0 };
      case 'unauthorized':
        return { type: 'unauthorized' };
      case 'drop':
        return { type: 'drop' };
      case 'hang':
        return { type: 'latency', ms: options.hangMs() };
      case 'slow':
        return { type: 'latency', ms: 20 + Math.floor(random() * 200) };
      case 'html':
        return { type: 'html' };
      case 'malformed':
        return { type: 'malformed' };
      default:
        return undefined;
    }
  }

  const wrapped: PhonePeSimulator = {
    ...simulator,
    async handle(request) {
      const path = new URL(request.url, 'http://phonepe.chaos').pathname;
      const endpoint: SimulatorEndpoint | undefined = path.endsWith('/v1/oauth/token')
        ? 'token'
        : /\/checkout\/v2\/order\/[^/]+\/status$/.test(path)
          ? 'status'
          : undefined;
      let answerFault: AnswerFault | undefined;
      if (endpoint && rate > 0 && random() < rate) {
        const names = endpoint === 'token' ? TOKEN_FAULTS : STATUS_FAULTS;
        const name = names[Math.floor(random() * names.length)]!;
        injected[`${endpoint}:${name}`] = (injected[`${endpoint}:${name}`] ?? 0) + 1;
        const fault = nativeFault(name);
        if (fault) {
          // 401 twice in a row sometimes: the gateway's one refresh-and-retry then fails too.
          const times = name === 'unauthorized' && random() < 0.3 ? 2 : 1;
          simulator.inject(fault, { endpoint, times });
        } else answerFault = name as AnswerFault;
      }
      const answer = await simulator.handle(request);
      if (answer.drop || answer.status !== 200) return answer;
      if (endpoint === 'token') {
        const token = (JSON.parse(answer.body) as { access_token?: unknown }).access_token;
        if (typeof token === 'string') tokens.add(token);
      }
      return answerFault ? mangle(answer, answerFault) : answer;
    },
  };
  return {
    simulator: wrapped,
    setFaultRate(next) {
      rate = next;
    },
    injected,
    tokens,
  };
}

/** A 200 status answer turned into one PhonePe (or a proxy) should not give, but might. */
function mangle(answer: Extract<SimulatorResponse, { drop: false }>, fault: AnswerFault): SimulatorResponse {
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  switch (fault) {
    case 'unknown-state':
      return { ...answer, body: JSON.stringify({ ...body, state: 'AUTHORIZED' }) };
    case 'no-state': {
      const { state: _state, ...rest } = body;
      return { ...answer, body: JSON.stringify(rest) };
    }
    case 'truncated':
      return { ...answer, body: answer.body.slice(0, Math.max(1, Math.floor(answer.body.length / 2))) };
    case 'odd-fields':
      // Fields the library does not decide on, with odd types (PhonePe: "avoid strict deserialization").
      return {
        ...answer,
        body: JSON.stringify({ ...body, payableAmount: null, feeAmount: '0', metaInfo: null, extra: [1] }),
      };
  }
}
