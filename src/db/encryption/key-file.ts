/**
 * Where the data key comes from: DATA_KEY, or with SQLite a key file beside the database
 * (`<database file>.key`), generated on the first start without either.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { Log } from '../../services/kernel/index.js';
import { providerOf, sqliteFilePath } from '../migrations/migrations.js';
import {
  DATA_KEY_FORMAT,
  DataKeyring,
  dataKeyId,
  formatDataKey,
  generateDataKey,
  parseDataKey,
} from './data-keys.js';

/** The settings that choose the keys (parsed by `src/config.ts`). */
export interface DataKeySettings {
  DATABASE_URL: string;
  DATA_KEY?: Buffer | undefined;
  DATA_KEY_PREVIOUS?: readonly Buffer[] | undefined;
}

/** Raised when no usable data key can be found or made; its message says what to do. */
export class DataKeyError extends Error {
  override name = 'DataKeyError';
}

/** The key file of the SQLite database file at `databaseFile`. */
export function keyFilePath(databaseFile: string): string {
  return `${databaseFile}.key`;
}

function errorCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function readKeyFile(path: string, log: Log): Buffer {
  const key = parseDataKey(readFileSync(path, 'utf8'));
  if (key === null) throw new DataKeyError(`${path} does not hold a data key (${DATA_KEY_FORMAT}).`);
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    log.warn(
      { file: path, mode: mode.toString(8) },
      'the data key file can be read by other users; make it readable by its owner only (chmod 600)',
    );
  }
  return key;
}

/** Writes `content` to a new file at `path` (owner-only) and flushes it to disk. */
function writeNewFile(path: string, content: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the key file at `path`, or when there is none generates a key and writes it there
 * readable by its owner only (0600). The file appears whole or not at all (written aside, then
 * linked into place), so two processes starting at once end up with the same key. Logs that a key
 * was generated, with the file and the key's id, never the key.
 *
 * @throws DataKeyError when the file exists but holds no key.
 */
export function loadOrCreateKeyFile(path: string, log: Log): Buffer {
  try {
    return readKeyFile(path, log);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  const key = generateDataKey();
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeNewFile(aside, `${formatDataKey(key)}\n`);
  try {
    linkSync(aside, path);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return readKeyFile(path, log);
    throw error;
  } finally {
    unlinkSync(aside);
  }
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
  log.info(
    { file: path, keyId: dataKeyId(key) },
    'generated the data key that encrypts case text; keep this file with the database, and back it up apart from it',
  );
  return key;
}

/**
 * The keys of this process: DATA_KEY when set; otherwise, with SQLite, the key file beside the
 * database (made on first use); DATA_KEY_PREVIOUS are accepted for reading.
 *
 * @throws DataKeyError with PostgreSQL and no DATA_KEY: every process sharing the database needs
 *   the same key, which a file made on one machine cannot give the others.
 */
export function resolveDataKeys(settings: DataKeySettings, log: Log): DataKeyring {
  const previous = settings.DATA_KEY_PREVIOUS ?? [];
  if (settings.DATA_KEY !== undefined) return new DataKeyring(settings.DATA_KEY, previous);
  if (providerOf(settings.DATABASE_URL) === 'postgresql') {
    throw new DataKeyError(
      'DATA_KEY is required with PostgreSQL: case text is encrypted with it, and every process sharing ' +
        'the database needs the same key, which a key file on one machine cannot give the others. ' +
        'Generate one with `openssl rand -base64 32` and set it on every process.',
    );
  }
  const file = keyFilePath(sqliteFilePath(settings.DATABASE_URL));
  return new DataKeyring(loadOrCreateKeyFile(file, log), previous);
}
