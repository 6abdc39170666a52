import type { RequestHandler } from 'express';

/**
 * Counts the order-details reads in flight per order id, so that a demo button can wait for them to
 * finish. The page stops watching an order before it settles it through a webhook or a sweep; waiting
 * for its last read makes sure the chosen path is the one that settles it (any path would be correct:
 * the transition is exactly-once; the demo just wants to show the one you picked).
 */
export function createReadTracker(): { track: RequestHandler; idle(orderId: string): Promise<void> } {
  const inFlight = new Map<string, Set<Promise<void>>>();
  return {
    track(req, res, next) {
      const id = String(req.params.id);
      const reads = inFlight.get(id) ?? new Set<Promise<void>>();
      inFlight.set(id, reads);
      const done = new Promise<void>((resolve) => res.once('close', resolve));
      reads.add(done);
      void done.then(() => {
        reads.delete(done);
        if (reads.size === 0) inFlight.delete(id);
      });
      next();
    },
    async idle(orderId) {
      await Promise.all(inFlight.get(orderId) ?? []);
    },
  };
}
