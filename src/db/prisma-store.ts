/** The `Store` port over Prisma: repositories, serializable transactions with retries, close. */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Repositories, Store } from '../services/kernel/index.js';
import type { DataKeyring } from './encryption/data-keys.js';
import type { Connection, Db } from './prisma-client.js';
import { isRetryable } from './errors.js';
import type { Provider } from './migrations/migrations.js';
import { PrismaAgreementRepository } from './repositories/prisma-agreement-repository.js';
import { PrismaAttendanceRepository } from './repositories/prisma-attendance-repository.js';
import { PrismaCertificateRepository } from './repositories/prisma-certificate-repository.js';
import { PrismaPersonalDataRepository } from './repositories/prisma-personal-data-repository.js';
import { PrismaCaseRepository } from './repositories/prisma-case-repository.js';
import { PrismaFacilitationRepository } from './repositories/prisma-facilitation-repository.js';
import { PrismaAuditRepository } from './repositories/prisma-audit-repository.js';
import { PrismaCircleRepository } from './repositories/prisma-circle-repository.js';
import { PrismaGuildSettingsRepository } from './repositories/prisma-guild-settings-repository.js';
import { PrismaKeyValueRepository } from './repositories/prisma-key-value-repository.js';
import { PrismaMeetingRepository } from './repositories/prisma-meeting-repository.js';
import { PrismaMembershipRepository } from './repositories/prisma-membership-repository.js';
import { PrismaReminderRepository } from './repositories/prisma-reminder-repository.js';
import { PrismaFollowUpRepository } from './repositories/prisma-follow-up-repository.js';
import { PrismaOpenCallRepository } from './repositories/prisma-open-call-repository.js';
import { PrismaDropInRepository } from './repositories/prisma-drop-in-repository.js';
import { PrismaScheduleRepository } from './repositories/prisma-schedule-repository.js';
import { ErasureFollowUp } from './sqlite-erasure.js';

/** Retries and time limits of `Store.transaction`. */
export interface TransactionOptions {
  /** Attempts in all, the first included (default 5). */
  attempts?: number;
  /** Base of the exponential backoff between attempts in ms (default 10); jittered. */
  backoffMs?: number;
  /** Longest time to wait for a connection / the SQLite connection, in ms (default 10 000). */
  maxWaitMs?: number;
  /** Longest a transaction may run before Prisma rolls it back, in ms (default 15 000). */
  timeoutMs?: number;
}

/** Raised when code inside `transaction` uses the store's own repositories instead of `tx`. */
export class StoreMisuseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreMisuseError';
  }
}

/**
 * The repositories of one client or one transaction of `provider`. `keys` encrypt and decrypt case
 * text; `erased` is called when case text was set to null.
 */
export function repositoriesFor(
  db: Db,
  provider: Provider,
  keys: DataKeyring,
  erased?: () => void,
): Repositories {
  return {
    guilds: new PrismaGuildSettingsRepository(db),
    circles: new PrismaCircleRepository(db),
    memberships: new PrismaMembershipRepository(db),
    agreements: new PrismaAgreementRepository(db),
    audit: new PrismaAuditRepository(db),
    keyValues: new PrismaKeyValueRepository(db),
    schedules: new PrismaScheduleRepository(db),
    meetings: new PrismaMeetingRepository(db, provider),
    reminders: new PrismaReminderRepository(db, provider),
    followUps: new PrismaFollowUpRepository(db, provider),
    attendance: new PrismaAttendanceRepository(db, provider),
    certificates: new PrismaCertificateRepository(db),
    cases: new PrismaCaseRepository(db, keys, erased),
    facilitation: new PrismaFacilitationRepository(db),
    personalData: new PrismaPersonalDataRepository(db),
    openCalls: new PrismaOpenCallRepository(db),
    dropIns: new PrismaDropInRepository(db),
  };
}

type Gate = <T>(operation: () => Promise<T>) => Promise<T>;

/**
 * A FIFO queue for SQLite. Its adapter has one connection: a statement issued while an
 * interactive transaction is open would run inside that transaction (and be rolled back with
 * it), so every top-level operation and transaction takes its turn.
 */
function serialGate(): Gate {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(operation: () => Promise<T>): Promise<T> => {
    const run = tail.then(operation, operation);
    tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
}

/**
 * The queues of the SQLite files open in this process, shared by all stores on one file.
 * better-sqlite3 is synchronous and SQLite's busy handler sleeps: if one store held the write
 * lock across an `await` (any transaction, Prisma's own included) while another store of the
 * same process wrote to the same file, the second would block the event loop until its busy
 * timeout and fail. Separate processes are unaffected: each waits while the other commits.
 */
const sqliteGates = new Map<string, { gate: Gate; users: number }>();

function acquireSqliteGate(file: string): Gate {
  const entry = sqliteGates.get(file) ?? { gate: serialGate(), users: 0 };
  entry.users += 1;
  sqliteGates.set(file, entry);
  return entry.gate;
}

function releaseSqliteGate(file: string): void {
  const entry = sqliteGates.get(file);
  if (entry === undefined) return;
  entry.users -= 1;
  if (entry.users <= 0) sqliteGates.delete(file);
}

const openGate: Gate = (operation) => operation();

/** Wraps each method of `repository` in `guard`. */
function guarded<T extends object>(repository: T, guard: Gate): T {
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => guard(() => Promise.resolve(value.apply(target, args)));
    },
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The `Store` port over one Prisma client (see `openStore`). */
export class PrismaStore implements Store {
  readonly guilds: Repositories['guilds'];
  readonly circles: Repositories['circles'];
  readonly memberships: Repositories['memberships'];
  readonly agreements: Repositories['agreements'];
  readonly audit: Repositories['audit'];
  readonly keyValues: Repositories['keyValues'];
  readonly schedules: Repositories['schedules'];
  readonly meetings: Repositories['meetings'];
  readonly reminders: Repositories['reminders'];
  readonly followUps: Repositories['followUps'];
  readonly attendance: Repositories['attendance'];
  readonly certificates: Repositories['certificates'];
  readonly cases: Repositories['cases'];
  readonly facilitation: Repositories['facilitation'];
  readonly personalData: Repositories['personalData'];
  readonly openCalls: Repositories['openCalls'];
  readonly dropIns: Repositories['dropIns'];
  readonly provider: Connection['provider'];
  readonly #connection: Connection;
  readonly #gate: Gate;
  readonly #inTransaction = new AsyncLocalStorage<true>();
  readonly #options: Required<TransactionOptions>;
  readonly #keys: DataKeyring;
  readonly #erasures: ErasureFollowUp;
  #closing: Promise<void> | null = null;

  /**
   * @param connection - The connected client.
   * @param keys - The data keys that encrypt and decrypt case text.
   * @param options - Retries and time limits of `transaction`.
   */
  constructor(connection: Connection, keys: DataKeyring, options: TransactionOptions = {}) {
    this.#connection = connection;
    this.provider = connection.provider;
    this.#keys = keys;
    this.#erasures = new ErasureFollowUp(connection.client, connection.provider === 'sqlite');
    this.#gate = connection.file === null ? openGate : acquireSqliteGate(connection.file);
    this.#options = { attempts: 5, backoffMs: 10, maxWaitMs: 10_000, timeoutMs: 15_000, ...options };
    const guard: Gate = (operation) => {
      this.#refuseInsideTransaction('the store');
      return this.#turn(operation);
    };
    const repositories = repositoriesFor(connection.client, connection.provider, keys, this.#erasures.erased);
    this.guilds = guarded(repositories.guilds, guard);
    this.circles = guarded(repositories.circles, guard);
    this.memberships = guarded(repositories.memberships, guard);
    this.agreements = guarded(repositories.agreements, guard);
    this.audit = guarded(repositories.audit, guard);
    this.keyValues = guarded(repositories.keyValues, guard);
    this.schedules = guarded(repositories.schedules, guard);
    this.meetings = guarded(repositories.meetings, guard);
    this.reminders = guarded(repositories.reminders, guard);
    this.followUps = guarded(repositories.followUps, guard);
    this.attendance = guarded(repositories.attendance, guard);
    this.certificates = guarded(repositories.certificates, guard);
    this.cases = guarded(repositories.cases, guard);
    this.facilitation = guarded(repositories.facilitation, guard);
    this.personalData = guarded(repositories.personalData, guard);
    this.openCalls = guarded(repositories.openCalls, guard);
    this.dropIns = guarded(repositories.dropIns, guard);
  }

  /**
   * Runs `work` in one Serializable interactive transaction. A serialization conflict or
   * deadlock (P2034, PostgreSQL 40001 / 40P01, SQLite busy) reruns the whole of `work` after a
   * short jittered backoff, up to `attempts` times; `work` must therefore have no side effects
   * outside `tx`. Other errors roll back and propagate.
   */
  async transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    this.#refuseInsideTransaction('store.transaction');
    const { attempts, backoffMs, maxWaitMs, timeoutMs } = this.#options;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#turn(() =>
          this.#inTransaction.run(true, () =>
            this.#connection.client.$transaction(
              (tx) => work(repositoriesFor(tx, this.provider, this.#keys, this.#erasures.erased)),
              { isolationLevel: 'Serializable', maxWait: maxWaitMs, timeout: timeoutMs },
            ),
          ),
        );
      } catch (error) {
        if (attempt >= attempts || !isRetryable(error)) throw error;
        const base = backoffMs * 2 ** (attempt - 1);
        await sleep(base + Math.random() * base);
      }
    }
  }

  exclusive(name: string, work: () => Promise<void>, options?: { waitMs?: number }): Promise<boolean> {
    this.#refuseInsideTransaction('store.exclusive');
    return this.#connection.exclusive.run(name, work, options);
  }

  /** Disconnects Prisma and closes the driver (the pg pool or the SQLite file). */
  close(): Promise<void> {
    this.#closing ??= this.#gate(() => this.#connection.close()).finally(() => {
      if (this.#connection.file !== null) releaseSqliteGate(this.#connection.file);
    });
    return this.#closing;
  }

  /**
   * One turn at the gate: `operation`, then, when it erased case text on SQLite, a checkpoint that
   * truncates the write-ahead log, so the text's old page leaves both files (see `sqlite-erasure.ts`).
   */
  #turn<T>(operation: () => Promise<T>): Promise<T> {
    return this.#gate(async () => {
      try {
        return await operation();
      } finally {
        await this.#erasures.settle();
      }
    });
  }

  #refuseInsideTransaction(what: string): void {
    if (this.#inTransaction.getStore() === true) {
      throw new StoreMisuseError(
        `${what} was used inside store.transaction(); use the \`tx\` repositories passed to the callback`,
      );
    }
  }
}
