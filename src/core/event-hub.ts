import type { Logger } from '../ports/logger';
import { callListener } from './call-listener';
import { errorSummary } from './error-summary';

/** @internal A minimal typed event emitter whose listener failures are logged, never thrown. */
export function createEventHub<Events extends object>(logger: Logger) {
  const listeners = new Map<keyof Events, Set<(payload: never) => unknown>>();
  return {
    on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => unknown): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => unknown);
      return () => set.delete(listener as (payload: never) => unknown);
    },
    has(event: keyof Events): boolean {
      return (listeners.get(event)?.size ?? 0) > 0;
    },
    emit<E extends keyof Events>(event: E, payload: Events[E]): void {
      const set = listeners.get(event);
      if (!set) return;
      const fail = (error: unknown) =>
        logger.error({ event, err: errorSummary(error) }, 'event listener failed');
      for (const listener of set) callListener(listener as (p: Events[E]) => unknown, payload, fail);
    },
  };
}
