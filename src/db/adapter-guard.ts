/**
 * Works around a leak in Prisma 6.19's transaction manager (client engine): it ends an
 * interactive transaction by running `COMMIT` (or `ROLLBACK`) through the adapter's transaction
 * and only then calls `commit()` / `rollback()`, which is what hands the connection back (pg:
 * releases the pool client; better-sqlite3: unlocks the adapter's transaction mutex). When the
 * `COMMIT` itself fails — which is exactly how PostgreSQL reports many serialization failures
 * under Serializable, and how SQLite reports a busy database at commit — the connection is never
 * released: the pg pool loses a client for good (and `pool.end()` hangs), the SQLite adapter
 * never starts another transaction.
 *
 * The guard wraps the driver adapter factory so that a failed `COMMIT` / `ROLLBACK` rolls back
 * what is left and releases the connection before the error propagates.
 */
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';

const ENDINGS = new Set(['COMMIT', 'ROLLBACK']);

/** Proxies `target`, binding its methods to it (the adapters keep state in private fields). */
function proxy<T extends object>(target: T, overrides: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(target, {
    get(object, property) {
      if (Object.prototype.hasOwnProperty.call(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

function guardTransaction(transaction: Transaction): Transaction {
  const executeRaw = async (query: SqlQuery): Promise<number> => {
    try {
      return await transaction.executeRaw(query);
    } catch (error) {
      if (ENDINGS.has(query.sql.trim().toUpperCase())) {
        // PostgreSQL has already ended the transaction after a failed COMMIT; SQLite may not have.
        await transaction.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] }).catch(() => undefined);
        await transaction.rollback().catch(() => undefined);
      }
      throw error;
    }
  };
  return proxy(transaction, { executeRaw });
}

function guardAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const startTransaction: SqlDriverAdapter['startTransaction'] = async (isolationLevel) =>
    guardTransaction(await adapter.startTransaction(isolationLevel));
  return proxy(adapter, { startTransaction });
}

/**
 * Wraps a driver adapter factory so that a transaction whose COMMIT or ROLLBACK fails still
 * releases its connection.
 * @param factory - `new PrismaPg(…)` or `new PrismaBetterSQLite3(…)`.
 * @returns A factory to pass to `new PrismaClient({ adapter })`.
 */
export function releaseOnFailedCommit<F extends SqlDriverAdapterFactory>(factory: F): F {
  const connect = async (): Promise<SqlDriverAdapter> => guardAdapter(await factory.connect());
  return proxy(factory, { connect } as Partial<Record<keyof F, unknown>>);
}
