import type { SimulatorEndpoint } from './route';
import type { SimulatorRequestRecord } from './wire';

const MAX_RECORDS = 10_000;

/** Requests received: a count per endpoint and the last 10,000 records. */
export interface RequestLog {
  /** Updated in place: a reference taken once stays current. */
  readonly counts: Record<SimulatorEndpoint, number>;
  /** The last 10,000 records, oldest first. */
  recent(): SimulatorRequestRecord[];
  record(entry: SimulatorRequestRecord): void;
  /** Zeroes the counts and forgets the records. */
  reset(): void;
}

export function createRequestLog(endpoints: readonly SimulatorEndpoint[]): RequestLog {
  const counts = Object.fromEntries(endpoints.map((endpoint) => [endpoint, 0])) as Record<
    SimulatorEndpoint,
    number
  >;
  let records: SimulatorRequestRecord[] = [];
  return {
    counts,
    // Trimmed only past twice the limit, so that recording stays cheap; reading hides the surplus.
    recent: () => (records.length > MAX_RECORDS ? records.slice(-MAX_RECORDS) : records),
    record(entry) {
      records.push(entry);
      if (records.length > MAX_RECORDS * 2) records = records.slice(-MAX_RECORDS);
    },
    reset() {
      for (const endpoint of endpoints) counts[endpoint] = 0;
      records = [];
    },
  };
}
