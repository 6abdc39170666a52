// The chaos test's invariant checker: a pure function over what a run recorded. Kept apart from the
// harness so that the real runs and the control run (compare-and-set removed) are judged by the same
// code, and the control run proves that this code can fail.

/** A PhonePe order's final state, as the simulator reports it once the chaos is over. */
export interface Truth {
  state: 'PENDING' | 'COMPLETED' | 'FAILED';
  transactionId: string | null;
}

/** An order's row as stored at the end (orders joined with payments). */
export interface FinalRow {
  orderId: string;
  orderPaymentStatus: string;
  orderStatus: string;
  paymentStatus: string;
  transactionId: string | null;
  additionalInfo: Record<string, unknown>;
}

/** One `statusChange` event, from any instance; `at` is `performance.now()` in the listener (after commit). */
export interface RecordedStatusChange {
  orderId: string;
  paymentStatus: string;
  reportedState: string;
  source: string;
  instance: number;
  at: number;
}

/** One GET of the order-details route. `sentAt`/`doneAt` are `performance.now()`. */
export interface RecordedRead {
  orderId: string;
  instance: number;
  sentAt: number;
  doneAt: number;
  /** HTTP status, or 0 when no answer came (network error, client timeout). */
  status: number;
  text: string;
  body?: {
    order?: { payment_status?: string; order_status?: string };
    payment?: { payment_status?: string; transaction_id?: string | null };
    status_updated?: boolean;
  };
}

/** Which webhook a request was. */
export type WebhookKind =
  /** Signed, built by the simulator from the order's real (terminal) state; sent, duplicated, replayed. */
  | 'genuine'
  /** A wrong, missing or malformed `Authorization` header. */
  | 'forged-auth'
  /** Correctly signed, but claiming a state PhonePe does not report for the order. */
  | 'forged-claim'
  /** Correctly signed, but a body that is not a valid order event (or too large). */
  | 'malformed';

/** One POST to the webhook route. */
export interface RecordedWebhook {
  kind: WebhookKind;
  /** The order the body names (when it names one). */
  orderId: string | undefined;
  /** The state the body claims (when it claims one). */
  claimedState: string | undefined;
  /** HTTP statuses this request may be answered with. */
  expectedStatuses: readonly number[];
  instance: number;
  sentAt: number;
  status: number;
  text: string;
  reason: string | undefined;
}

/** A reconcile check that ended `updated` (from `onProgress`). */
export interface RecordedReconcileUpdate {
  orderId: string;
  instance: number;
}

/** What one chaos run recorded, handed to {@link checkInvariants}. */
export interface ChaosRecord {
  /** Every order in the database, by id. */
  truth: ReadonlyMap<string, Truth>;
  /** Orders already settled in the database when the run started (no transition expected). */
  settledAtStart: ReadonlySet<string>;
  /** The keys the test seeded in `additional_info` (the user's keys), by order id. */
  seededInfo: ReadonlyMap<string, Record<string, unknown>>;
  /**
   * Rows nothing may write to (orders PhonePe does not know, orders settled at start): the row as
   * seeded, compared whole at the end.
   */
  untouchable: ReadonlyMap<string, FinalRow>;
  /** Order status per terminal payment status (the default mapping unless the run overrides it). */
  orderStatusFor: { COMPLETED: string; FAILED: string; PENDING: string };
  statusChanges: readonly RecordedStatusChange[];
  reads: readonly RecordedRead[];
  webhooks: readonly RecordedWebhook[];
  reconcileUpdates: readonly RecordedReconcileUpdate[];
  finalRows: readonly FinalRow[];
  /** Secret values that must appear nowhere (rows, answers, log lines). */
  secrets: readonly string[];
  /** Every log line, serialized (see {@link serializeForSearch}). */
  logText: string;
  /** Every stored row, serialized. */
  rowsText: string;
}

/** One broken promise. */
export interface Violation {
  invariant:
    | 'read-not-200'
    | 'webhook-status'
    | 'final-state'
    | 'status-change-count'
    | 'status-change-state'
    | 'updated-answers'
    | 'winner-not-told'
    | 'regression'
    | 'additional-info'
    | 'untouchable-written'
    | 'secret-leak';
  orderId?: string;
  detail: string;
}

/** Counts printed beside the verdict. */
export interface ChaosCounts {
  orders: number;
  reads: number;
  readsAfterCommit: number;
  statusUpdatedTrue: number;
  webhooks: Record<WebhookKind, number>;
  webhookStatuses: Record<string, number>;
  webhookReasons: Record<string, number>;
  statusChanges: number;
  transitions: number;
  reconcileUpdated: number;
  finalByState: Record<string, number>;
  secretsSearched: number;
  logLines: number;
}

const TERMINAL = new Set(['COMPLETED', 'FAILED']);

/**
 * Judges one run. Returns every violation found (empty when all invariants hold) and the counts.
 * Pure: no I/O, no clock.
 */
export function checkInvariants(record: ChaosRecord): { violations: Violation[]; counts: ChaosCounts } {
  const violations: Violation[] = [];
  const add = (invariant: Violation['invariant'], detail: string, orderId?: string) =>
    violations.push(orderId === undefined ? { invariant, detail } : { invariant, orderId, detail });

  // 1. Every read answers 200 (a gateway failure is reported in the body, never as an HTTP error).
  for (const read of record.reads) {
    if (read.status !== 200) {
      add('read-not-200', `GET of order ${read.orderId} answered ${read.status}: ${read.text.slice(0, 200)}`);
    }
  }

  // 2. Webhooks answer what their kind allows (forged auth 401, malformed 4xx, others 200 or 503).
  for (const hook of record.webhooks) {
    if (!hook.expectedStatuses.includes(hook.status)) {
      add(
        'webhook-status',
        `${hook.kind} webhook (order ${hook.orderId ?? '-'}, claims ${hook.claimedState ?? '-'}) answered ${hook.status}, expected ${hook.expectedStatuses.join('/')}: ${hook.text.slice(0, 200)}`,
        hook.orderId,
      );
    }
  }

  // 3. Every order ends at its truth.
  const finalById = new Map(record.finalRows.map((row) => [row.orderId, row]));
  for (const [orderId, truth] of record.truth) {
    const row = finalById.get(orderId);
    if (!row) {
      add('final-state', 'row missing at the end', orderId);
      continue;
    }
    const expectedOrderStatus = record.orderStatusFor[truth.state];
    const problems: string[] = [];
    if (row.paymentStatus !== truth.state) problems.push(`payment ${row.paymentStatus} != ${truth.state}`);
    if (row.orderPaymentStatus !== truth.state)
      problems.push(`order.payment_status ${row.orderPaymentStatus} != ${truth.state}`);
    if (row.orderStatus !== expectedOrderStatus)
      problems.push(`order_status ${row.orderStatus} != ${expectedOrderStatus}`);
    if (TERMINAL.has(truth.state) && row.transactionId !== truth.transactionId)
      problems.push(`transaction_id ${row.transactionId} != ${truth.transactionId}`);
    if (problems.length > 0) add('final-state', problems.join('; '), orderId);
  }

  // 4./5. Exactly one statusChange per transition, across all instances, with the true state.
  const changesByOrder = groupBy(record.statusChanges, (e) => e.orderId);
  let transitions = 0;
  for (const [orderId, truth] of record.truth) {
    const expected = TERMINAL.has(truth.state) && !record.settledAtStart.has(orderId) ? 1 : 0;
    transitions += expected;
    const got = changesByOrder.get(orderId) ?? [];
    if (got.length !== expected) {
      add(
        'status-change-count',
        `${got.length} statusChange events, expected ${expected}: ${got
          .map((e) => `${e.paymentStatus} via ${e.source} on instance ${e.instance}`)
          .join(', ')}`,
        orderId,
      );
    }
    for (const event of got) {
      if (event.paymentStatus !== truth.state || event.reportedState !== truth.state) {
        add(
          'status-change-state',
          `statusChange to ${event.paymentStatus} (reported ${event.reportedState}), truth ${truth.state}`,
          orderId,
        );
      }
    }
  }
  for (const orderId of changesByOrder.keys()) {
    if (!record.truth.has(orderId)) add('status-change-count', 'statusChange for an unknown order', orderId);
  }

  // 6. At most one answer per transition says "you moved it" (status_updated / updated / reconcile
  // updated), and (7.) the winner of each transition was told.
  const told = new Map<string, string[]>();
  const tell = (orderId: string, how: string) => told.set(orderId, [...(told.get(orderId) ?? []), how]);
  let statusUpdatedTrue = 0;
  for (const read of record.reads) {
    if (read.body?.status_updated === true) {
      statusUpdatedTrue += 1;
      tell(read.orderId, `read on instance ${read.instance}`);
    }
  }
  for (const hook of record.webhooks) {
    if (hook.reason === 'updated' && hook.orderId !== undefined)
      tell(hook.orderId, `${hook.kind} webhook on instance ${hook.instance}`);
  }
  for (const update of record.reconcileUpdates)
    tell(update.orderId, `reconcile on instance ${update.instance}`);
  for (const [orderId, answers] of told) {
    const changes = changesByOrder.get(orderId)?.length ?? 0;
    if (answers.length > 1 || answers.length > changes) {
      add(
        'updated-answers',
        `${answers.length} answers said updated (${answers.join(', ')}) for ${changes} transition(s)`,
        orderId,
      );
    }
  }
  for (const [orderId, changes] of changesByOrder) {
    if (changes.length > 0 && !told.has(orderId)) {
      add('winner-not-told', `${changes.length} statusChange event(s) but no answer said updated`, orderId);
    }
  }

  // 8. No answer to a request sent after a terminal state was committed shows an older state.
  const committedAt = new Map<string, { at: number; state: string }>();
  for (const event of record.statusChanges) {
    const seen = committedAt.get(event.orderId);
    if (!seen || event.at < seen.at)
      committedAt.set(event.orderId, { at: event.at, state: event.paymentStatus });
  }
  let readsAfterCommit = 0;
  for (const read of record.reads) {
    const commit = committedAt.get(read.orderId);
    if (!commit || read.sentAt <= commit.at || read.status !== 200) continue;
    readsAfterCommit += 1;
    const shown = read.body?.payment?.payment_status;
    const shownOrder = read.body?.order?.payment_status;
    if (shown !== commit.state || shownOrder !== commit.state) {
      add(
        'regression',
        `GET sent ${(read.sentAt - commit.at).toFixed(1)} ms after ${commit.state} was committed answered payment ${shown}, order ${shownOrder}`,
        read.orderId,
      );
    }
  }
  // A webhook that got past authentication and parsing reads the order first: sent after the commit,
  // it can only find the order settled (200 `already-settled`; a 503 would mean it saw it pending).
  for (const hook of record.webhooks) {
    const commit = hook.orderId === undefined ? undefined : committedAt.get(hook.orderId);
    if (!commit || hook.sentAt <= commit.at) continue;
    if (hook.kind !== 'genuine' && hook.kind !== 'forged-claim') continue;
    if (hook.status !== 200 || hook.reason !== 'already-settled') {
      add(
        'regression',
        `${hook.kind} webhook sent ${(hook.sentAt - commit.at).toFixed(1)} ms after ${commit.state} was committed answered ${hook.status} ${hook.reason ?? hook.text.slice(0, 80)}`,
        hook.orderId,
      );
    }
  }

  // 9. The user's additional_info keys are intact; rows nothing may write to are as seeded.
  for (const [orderId, seeded] of record.seededInfo) {
    const row = finalById.get(orderId);
    if (!row) continue;
    for (const [key, value] of Object.entries(seeded)) {
      if (JSON.stringify(row.additionalInfo[key]) !== JSON.stringify(value)) {
        add(
          'additional-info',
          `additional_info.${key} is ${JSON.stringify(row.additionalInfo[key])}, seeded ${JSON.stringify(value)}`,
          orderId,
        );
      }
    }
  }
  for (const [orderId, seeded] of record.untouchable) {
    const row = finalById.get(orderId);
    if (row && canonical(row) !== canonical(seeded)) {
      add('untouchable-written', `row changed: ${canonical(seeded)} -> ${canonical(row)}`, orderId);
    }
  }

  // 10. No secret in any row, any HTTP answer or any log line.
  const answersText = [...record.reads.map((r) => r.text), ...record.webhooks.map((w) => w.text)].join('\n');
  for (const secret of record.secrets) {
    for (const [where, text] of [
      ['a stored row', record.rowsText],
      ['an HTTP answer', answersText],
      ['a log line', record.logText],
    ] as const) {
      if (text.includes(secret)) add('secret-leak', `${redact(secret)} found in ${where}`);
    }
  }

  const count = <T>(items: readonly T[], key: (item: T) => string) => {
    const out: Record<string, number> = {};
    for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
    return out;
  };
  const kinds: Record<WebhookKind, number> = {
    genuine: 0,
    'forged-auth': 0,
    'forged-claim': 0,
    malformed: 0,
  };
  for (const hook of record.webhooks) kinds[hook.kind] += 1;
  return {
    violations,
    counts: {
      orders: record.truth.size,
      reads: record.reads.length,
      readsAfterCommit,
      statusUpdatedTrue,
      webhooks: kinds,
      webhookStatuses: count(record.webhooks, (w) => `${w.kind} ${w.status}${errorCode(w.text)}`),
      webhookReasons: count(
        record.webhooks.filter((w) => w.reason !== undefined),
        (w) => w.reason!,
      ),
      statusChanges: record.statusChanges.length,
      transitions,
      reconcileUpdated: record.reconcileUpdates.length,
      finalByState: count(record.finalRows, (r) => r.paymentStatus),
      secretsSearched: record.secrets.length,
      logLines: record.logText.length === 0 ? 0 : record.logText.split('\n').length,
    },
  };
}

/** The violations grouped by invariant, for a readable assertion message. */
export function summarizeViolations(violations: readonly Violation[], perInvariant = 3): string {
  const groups = groupBy(violations, (v) => v.invariant);
  return [...groups]
    .map(
      ([invariant, list]) =>
        `${invariant} x${list.length}: ${list
          .slice(0, perInvariant)
          .map((v) => (v.orderId === undefined ? v.detail : `order ${v.orderId}: ${v.detail}`))
          .join(' | ')}`,
    )
    .join('\n');
}

/**
 * JSON for searching secrets in: unlike `JSON.stringify`, an Error shows its name, message, stack,
 * cause and own properties (a secret hidden in an error's cause must not slip through as `{}`).
 */
export function serializeForSearch(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, function replacer(_key, current: unknown) {
    if (typeof current === 'bigint') return current.toString();
    if (typeof current !== 'object' || current === null) return current;
    if (seen.has(current)) return '[circular]';
    seen.add(current);
    if (current instanceof Error) {
      const own: Record<string, unknown> = {};
      for (const key of Object.getOwnPropertyNames(current))
        own[key] = (current as unknown as Record<string, unknown>)[key];
      return {
        name: current.name,
        message: current.message,
        stack: current.stack,
        cause: current.cause,
        ...own,
      };
    }
    if (current instanceof Map) return Object.fromEntries(current);
    if (current instanceof Set) return [...current];
    return current;
  });
}

function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function canonical(row: FinalRow): string {
  const sortKeys = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.keys(value as Record<string, unknown>)
            .sort()
            .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
        )
      : value;
  return JSON.stringify(sortKeys(row));
}

/** ` CODE` of an error body (`{ error: { code } }`), else ''. */
function errorCode(text: string): string {
  try {
    const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? ` ${code}` : '';
  } catch {
    return '';
  }
}

const redact = (secret: string) => `${secret.slice(0, 4)}…(${secret.length} chars)`;
