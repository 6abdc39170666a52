import type { ReconcileAction, ReconcileSummary } from '../reconcile-options';
import type { SyncOutcome } from '../sync-result';

/** @internal The running totals of one sweep. */
export interface SweepSummary {
  /** An order was taken from the store and is being looked at. */
  scan(): void;
  /**
   * Where a scanned order landed. `checked` is split by its outcome (`updated`, `superseded`, else
   * still pending); an `error` with the outcome `gateway-error` was checked as well.
   */
  count(action: ReconcileAction, outcome?: SyncOutcome): void;
  /** A copy of the totals so far, for progress events. */
  snapshot(): ReconcileSummary;
  /** The final summary. */
  finish(stoppedBy: ReconcileSummary['stoppedBy']): ReconcileSummary;
}

/** @internal A {@link SweepSummary} starting at zero. */
export function createSweepSummary(): SweepSummary {
  const summary: ReconcileSummary = {
    scanned: 0,
    checked: 0,
    updated: 0,
    stillPending: 0,
    superseded: 0,
    errors: 0,
    skipped: 0,
    stuck: 0,
    stoppedBy: 'done',
  };
  return {
    scan() {
      summary.scanned += 1;
    },
    count(action, outcome) {
      switch (action) {
        case 'checked':
          summary.checked += 1;
          if (outcome === 'updated') summary.updated += 1;
          else if (outcome === 'superseded') summary.superseded += 1;
          else summary.stillPending += 1;
          break;
        case 'error':
          if (outcome === 'gateway-error') summary.checked += 1;
          summary.errors += 1;
          break;
        case 'skipped':
          summary.skipped += 1;
          break;
        case 'stuck':
          summary.stuck += 1;
      }
    },
    snapshot: () => ({ ...summary }),
    finish(stoppedBy) {
      summary.stoppedBy = stoppedBy;
      return summary;
    },
  };
}
