/**
 * Reading rows of the generated client. A row's columns carry the names of the domain type's
 * fields, so a repository's `toX` mapper spreads the row and converts only the fields stored in
 * another form: enum-like strings (SQLite has no enums), checked with {@link oneOf}, and JSON text.
 */

/** Raised when a row holds a value the domain does not know (a bad write or a newer schema). */
export class CorruptRowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptRowError';
  }
}

/** Checks that `value` is one of `allowed` (enum-like string columns). */
export function oneOf<T extends string>(allowed: readonly T[], value: string, field: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CorruptRowError(`unexpected ${field} "${value}" (expected one of ${allowed.join(', ')})`);
}

/**
 * The columns of `Row` a mapper spreads into a `Domain` object: `Row` less `StorageOnly` when every
 * column left is a field of `Domain`, otherwise a type naming the columns that are not. A column
 * added to the model but not to the domain type thus fails to compile in its mapper instead of
 * leaking into domain objects.
 */
export type DomainColumns<Domain, Row, StorageOnly extends keyof Row = never> = [
  Exclude<keyof Row, keyof Domain | StorageOnly>,
] extends [never]
  ? Omit<Row, StorageOnly>
  : { columnsMissingFromTheDomainType: Exclude<keyof Row, keyof Domain | StorageOnly> };

/** A copy of `row` without the columns only the database needs (a computed key, bookkeeping times). */
export function withoutColumns<Row extends object, K extends keyof Row>(
  row: Row,
  ...columns: K[]
): Omit<Row, K> {
  const rest: Partial<Row> = { ...row };
  for (const column of columns) delete rest[column];
  return rest as Omit<Row, K>;
}
