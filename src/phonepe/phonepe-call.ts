/**
 * @internal The gateway call a request serves, handed to every ky hook in `options.context.phonePe`
 * (ky's `context` option: per-request data for hooks).
 */
export interface PhonePeCall {
  /** The call's budget: a hook that waits (for a token, for the rate limit) stops waiting when it aborts. */
  readonly signal: AbortSignal;
  /** The token the last attempt was sent with. */
  token?: string;
  /** Whether this call already replaced a token PhonePe rejected (once per call). */
  refreshed?: boolean;
}

/** @internal The {@link PhonePeCall} of the request a hook runs for. */
export function phonePeCallOf(options: { context: Record<string, unknown> }): PhonePeCall {
  return options.context.phonePe as PhonePeCall;
}
