/**
 * "Create the rows that do not exist yet" on both providers, inside a transaction or not, and
 * safe when another process inserts the same rows at the same time: a unique violation for a row
 * means it is already there. PostgreSQL does it in one `INSERT … ON CONFLICT DO NOTHING RETURNING`
 * (`skipDuplicates`), which unlike a failing INSERT does not abort an open transaction. SQLite
 * has no `skipDuplicates` in Prisma: it reads which keys exist, inserts the rest in one statement,
 * and only when that statement meets a row inserted in between (SQLite rolls back just that
 * statement) inserts row by row, skipping the duplicates.
 */
import type { Provider } from './migrations.js';
import { uniqueViolation } from '../errors.js';

/** Rows per INSERT: one statement each, well below SQLite's and PostgreSQL's parameter limits. */
export const CREATE_CHUNK = 500;

/** How to insert rows of one table. */
export interface MissingRowsTable<D, R> {
  /** The natural key of a row (the unique constraint), as one string. */
  keyOf(row: D): string;
  /** PostgreSQL: insert all, skipping duplicates, returning the rows inserted. */
  insertSkippingDuplicates(rows: D[]): Promise<R[]>;
  /** SQLite: the keys among `rows` that exist already. */
  existingKeys(rows: D[]): Promise<Set<string>>;
  /** SQLite: insert all in one statement, returning them; fails whole on a unique violation. */
  insertAll(rows: D[]): Promise<R[]>;
  /** SQLite: insert one. */
  insertOne(row: D): Promise<R>;
}

async function skipDuplicate<R>(insert: () => Promise<R>): Promise<R | null> {
  try {
    return await insert();
  } catch (error) {
    if (uniqueViolation(error) !== null) return null;
    throw error;
  }
}

async function sqliteChunk<D, R>(table: MissingRowsTable<D, R>, rows: D[]): Promise<R[]> {
  const existing = await table.existingKeys(rows);
  const missing = rows.filter((row) => !existing.has(table.keyOf(row)));
  if (missing.length === 0) return [];
  const all = await skipDuplicate(() => table.insertAll(missing));
  if (all !== null) return all;
  const created: R[] = [];
  for (const row of missing) {
    const one = await skipDuplicate(() => table.insertOne(row));
    if (one !== null) created.push(one);
  }
  return created;
}

/**
 * Inserts the rows of `data` whose key does not exist yet (the first of several with one key).
 * @returns The rows this call inserted.
 */
export async function createMissing<D, R>(
  provider: Provider,
  table: MissingRowsTable<D, R>,
  data: readonly D[],
): Promise<R[]> {
  const byKey = new Map<string, D>();
  for (const row of data) if (!byKey.has(table.keyOf(row))) byKey.set(table.keyOf(row), row);
  const rows = [...byKey.values()];
  const created: R[] = [];
  for (let start = 0; start < rows.length; start += CREATE_CHUNK) {
    const chunk = rows.slice(start, start + CREATE_CHUNK);
    const inserted =
      provider === 'postgresql'
        ? await table.insertSkippingDuplicates(chunk)
        : await sqliteChunk(table, chunk);
    created.push(...inserted);
  }
  return created;
}

/**
 * `{ skipDuplicates: true }` for PostgreSQL's `createMany` / `createManyAndReturn`. The facade's
 * types are the SQLite client's, which lacks the option, hence the spread of an untyped object.
 */
export const SKIP_DUPLICATES: object = { skipDuplicates: true };
