/** The persistence layer: open a `Store` on SQLite or PostgreSQL, apply migrations. */
export { openStore, type OpenStoreOptions } from './open-store.js';
export {
  applyMigrations,
  MigrationError,
  providerOf,
  type MigrationReport,
  type Provider,
} from './migrations/migrate.js';
export { PrismaStore, StoreMisuseError, type TransactionOptions } from './prisma-store.js';
export { nameKeyOf } from './repositories/prisma-circle-repository.js';
export { CorruptRowError } from './repositories/rows.js';
