/** @internal A log-safe view of an error: name, code, status and message only (no cause, no stack). */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const { code, status } = error as Error & { code?: unknown; status?: unknown };
    return {
      name: error.name,
      message: error.message,
      ...(code === undefined ? {} : { code }),
      ...(status === undefined ? {} : { status }),
    };
  }
  return { message: String(error) };
}
