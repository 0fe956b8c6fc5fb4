/** The persistence layer: open a `Store` on SQLite or PostgreSQL, apply migrations, manage data keys. */
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
export { DATA_KEY_FORMAT, DataKeyring, dataKeyId, parseDataKey } from './encryption/data-keys.js';
export { UnreadableFieldError } from './encryption/field-cipher.js';
export { DataKeyError, keyFilePath, resolveDataKeys, type DataKeySettings } from './encryption/key-file.js';
export {
  describeUnreadable,
  UnreadableCaseTextError,
  type CaseTextSweepReport,
} from './encryption/case-text-sweep.js';
export { rotateDataKey, type RotateOptions } from './encryption/rotate-data-key.js';
