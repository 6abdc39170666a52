import type { ScenarioResult } from './scenarios';

const HEADER = ['scenario', 'step', 'order', 'payment', 'transaction id', 'status_updated', 'PhonePe said'];

/**
 * The scenarios as one plain-text table, a row per step (`before` is the stored state, the other steps
 * are the order route's answers), e.g.
 * ```
 * | scenario          | step       | order     | payment   | transaction id | status_updated | PhonePe said  |
 * | Payment completes | before     | PLACED    | PENDING   | -              | -              |               |
 * |                   | after read | CONFIRMED | COMPLETED | TXN-DEMO-0001  | true           | 200 COMPLETED |
 * ```
 */
export function formatScenarioTable(results: readonly ScenarioResult[]): string {
  const rows = results.flatMap(({ scenario, orderId, steps }) =>
    steps.map((step, index) => [
      index === 0 ? `${scenario.title} (#${orderId})` : '',
      step.step,
      step.orderStatus,
      step.paymentStatus,
      step.transactionId ?? '-',
      step.statusUpdated === null ? '-' : String(step.statusUpdated),
      step.phonepe,
    ]),
  );
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const body: string[] = [];
  rows.forEach((row, index) => {
    if (index > 0 && row[0] !== '') body.push(rule);
    body.push(line(row));
  });
  const legend = results.map(({ scenario }) => `- ${scenario.title}: expected ${scenario.expect}`);
  return [line(HEADER), rule, ...body, '', ...legend].join('\n');
}
