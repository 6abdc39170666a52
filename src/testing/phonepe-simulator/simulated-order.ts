/** A PhonePe order state. */
export type SimulatedState = 'PENDING' | 'COMPLETED' | 'FAILED';

/** A scheduled change of a simulated order. */
export interface SimulatedTransition {
  /** Applies once this long has passed since the order was created (simulator clock). */
  afterMs?: number;
  /** Applies once the status endpoint was asked about the order this many times. */
  afterChecks?: number;
  state: SimulatedState;
  /** A new id starts a new attempt (with its own `timestamp`); the latest attempt's id otherwise. */
  transactionId?: string;
  errorCode?: string;
  /** PhonePe's `detailedErrorCode` for a FAILED order or attempt. @default 'ZM' with INVALID_MPIN, else none */
  detailedErrorCode?: string;
  /**
   * The attempt's own state when it differs from the order's, e.g. `{ state: 'PENDING', transactionId:
   * 'T1', attemptState: 'FAILED' }`: an attempt failed while the order stays open for another one.
   * @default the order's state
   */
  attemptState?: SimulatedState;
}

/** A simulated order. */
export interface SimulatedOrderInput {
  /** Paise. */
  amount: number;
  /** @default 'PENDING' */
  state?: SimulatedState;
  /** The latest attempt's transaction id. @default generated for COMPLETED/FAILED */
  transactionId?: string;
  /** @default 'UPI_INTENT' */
  paymentMode?: string;
  /** Error code reported for a FAILED order. @default 'INVALID_MPIN' */
  errorCode?: string;
  /** `detailedErrorCode` reported for a FAILED order. @default 'ZM' with INVALID_MPIN, else none */
  detailedErrorCode?: string;
  /**
   * Epoch ms. An order still `PENDING` at this time is `FAILED` with `errorCode: 'EXPIRED'` from then on
   * (as PhonePe fails expired orders); transitions scheduled after it never apply.
   * @default 20 minutes after creation
   */
  expireAt?: number;
  /** Changes over time, applied in order when due. */
  transitions?: SimulatedTransition[];
}
