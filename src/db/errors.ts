/**
 * Recognising database errors however they arrive: as Prisma's known request errors (P2002,
 * P2034), as driver adapter errors (`kind` plus the driver's `originalCode`), or as raw driver
 * errors (pg `code`, better-sqlite3 `code`), possibly nested in `cause` or `meta`.
 */
import { DuplicateError } from '../services/kernel/index.js';

type Loose = Record<string, unknown>;

function asObject(value: unknown): Loose | null {
  return typeof value === 'object' && value !== null ? (value as Loose) : null;
}

/** The error and everything reachable through `cause`, `meta.driverAdapterError` and `.cause` again. */
function chain(error: unknown): Loose[] {
  const seen: Loose[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.length < 10) {
    const current = asObject(queue.shift());
    if (current === null || seen.includes(current)) continue;
    seen.push(current);
    queue.push(current['cause'], asObject(current['meta'])?.['driverAdapterError']);
  }
  return seen;
}

const UNIQUE_CODES = new Set(['P2002', '23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const RETRYABLE_CODES = new Set(['P2034', '40001', '40P01']);
const RETRYABLE_KINDS = new Set(['TransactionWriteConflict']);

function codes(part: Loose): unknown[] {
  return [part['code'], part['originalCode']];
}

/** The constrained fields of a unique violation, or null when `error` is not one. */
export function uniqueViolation(error: unknown): { fields: string[] } | null {
  const parts = chain(error);
  const isUnique = parts.some(
    (part) =>
      part['kind'] === 'UniqueConstraintViolation' ||
      codes(part).some((code) => UNIQUE_CODES.has(String(code))),
  );
  if (!isUnique) return null;
  for (const part of parts) {
    const constraint = asObject(part['constraint']);
    const fromAdapter = constraint?.['fields'] ?? constraint?.['index'];
    const target = fromAdapter ?? asObject(part['meta'])?.['target'];
    if (Array.isArray(target)) return { fields: target.map(String) };
    if (typeof target === 'string') return { fields: [target] };
  }
  return { fields: [] };
}

/** True for a serialization failure or deadlock that a retry of the whole transaction may resolve. */
export function isRetryable(error: unknown): boolean {
  return chain(error).some((part) => {
    if (RETRYABLE_KINDS.has(String(part['kind']))) return true;
    if (
      codes(part).some((code) => RETRYABLE_CODES.has(String(code)) || String(code).startsWith('SQLITE_BUSY'))
    )
      return true;
    const message = typeof part['message'] === 'string' ? part['message'] : '';
    return /could not serialize access|deadlock detected|write conflict or a deadlock/i.test(message);
  });
}

/** True when Prisma reports that the record to update or delete does not exist (P2025). */
export function isNotFound(error: unknown): boolean {
  return chain(error).some((part) => part['code'] === 'P2025');
}

function camel(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * Runs `operation`, turning a unique violation into `DuplicateError` with target
 * `<Model>.<field>[,<field>…]` (e.g. `Circle.guildId,nameKey`, `Circle.textChannelId`).
 */
export async function mapDuplicate<T>(model: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const violation = uniqueViolation(error);
    if (violation === null) throw error;
    const duplicate = new DuplicateError(`${model}.${violation.fields.map(camel).join(',')}`);
    duplicate.cause = error;
    throw duplicate;
  }
}
