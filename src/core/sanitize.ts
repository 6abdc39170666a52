const SECRET_KEY = /token|secret|password|passwd|authorization|salt|cookie|api[-_]?key|cvv|pin$/i;
const MAX_DEPTH = 6;

/**
 * @internal A JSON-safe copy of a gateway summary with secret-looking keys removed, so that a careless
 * custom gateway cannot make the library store a token in `additional_info`.
 */
export function sanitizeSummary(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (depth >= MAX_DEPTH || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return value.map((item) => sanitizeSummary(item, depth + 1) ?? null);
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (SECRET_KEY.test(key)) continue;
    const clean = sanitizeSummary(item, depth + 1);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}
