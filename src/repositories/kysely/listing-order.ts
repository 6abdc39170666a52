/**
 * @internal The listing order of pending orders, in JavaScript, for claimed rows that come back unordered:
 * `last_checked` (never checked first, then SQL's ascending text order), then order id (numerically
 * when both are numbers).
 */
export function compareListed(aChecked: unknown, aId: unknown, bChecked: unknown, bId: unknown): number {
  const byChecked = compareLastChecked(aChecked, bChecked);
  if (byChecked !== 0) return byChecked;
  const x = Number(aId);
  const y = Number(bId);
  if (Number.isFinite(x) && Number.isFinite(y) && typeof aId !== 'string' && typeof bId !== 'string')
    return x - y;
  return compareLastChecked(String(aId), String(bId));
}

/** SQL's ascending text order with NULL first, as `listPendingOrders` sorts. */
function compareLastChecked(a: unknown, b: unknown): number {
  if (a == null) return b == null ? 0 : -1;
  if (b == null) return 1;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
