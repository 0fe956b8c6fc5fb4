/**
 * The parts of an error that are safe to log: name, message, code, status and stack.
 * Request bodies that some errors carry (which could hold what a member typed) are left out.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  const { code, status } = error as { code?: unknown; status?: unknown };
  return { name: error.name, message: error.message, code, status, stack: error.stack };
}
