/** The time source. Injected so tests can move time without fake timers. */
export interface Clock {
  /** The current time. MUST be monotonic enough that successive checks do not go backwards. */
  now(): Date;
}

/** The wall clock: `new Date()`. The default. */
export const systemClock: Clock = Object.freeze({ now: () => new Date() });
