/**
 * Work that one process at a time may run (the periodic jobs, the command sync): `Store.exclusive`.
 *
 * PostgreSQL: a session advisory lock on a connection of its own, outside the pool, so a job does
 * not hold a pooled connection while it runs; if the process dies, the database ends the session
 * and the lock with it, and another process takes the job at its next turn. Session locks are
 * re-entrant within one session, so calls within one process are also kept apart in memory.
 * SQLite serves one process: the in-memory part alone.
 */
import pg from 'pg';

/** Runs work under a named lock; see `Store.exclusive`. */
export interface Exclusive {
  run(name: string, work: () => Promise<void>, options?: { waitMs?: number }): Promise<boolean>;
  close(): Promise<void>;
}

/** The first key of every lock this bot takes ("ck"), the second is the name's hash. */
const LOCK_CLASS = 0x636b;
const POLL_MS = 100;

/** FNV-1a of `name`, as a signed 32-bit integer (advisory lock keys are int4). */
export function lockKey(name: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Names held by this process. */
class LocalLocks {
  private readonly held = new Set<string>();
  tryTake(name: string): boolean {
    if (this.held.has(name)) return false;
    this.held.add(name);
    return true;
  }
  release(name: string): void {
    this.held.delete(name);
  }
}

/** Polls `tryTake` until it succeeds or `waitMs` passed (a bounded wait). */
async function take(tryTake: () => Promise<boolean>, waitMs: number): Promise<boolean> {
  const until = Date.now() + waitMs;
  for (;;) {
    if (await tryTake()) return true;
    if (Date.now() >= until) return false;
    await sleep(Math.min(POLL_MS, Math.max(1, until - Date.now())));
  }
}

/** In-process only (SQLite). */
export function localExclusive(): Exclusive {
  const local = new LocalLocks();
  return {
    async run(name, work, options = {}) {
      if (!(await take(async () => local.tryTake(name), options.waitMs ?? 0))) return false;
      try {
        await work();
        return true;
      } finally {
        local.release(name);
      }
    },
    async close() {},
  };
}

/** Across processes sharing the PostgreSQL database at `url`. */
export function postgresqlExclusive(url: string): Exclusive {
  const local = new LocalLocks();
  let session: Promise<pg.Client> | null = null;
  const connection = (): Promise<pg.Client> => {
    session ??= (async () => {
      const client = new pg.Client({ connectionString: url, application_name: 'circlekeeper-locks' });
      // A lost session has lost its locks too: the next call opens a new one.
      client.on('error', () => (session = null));
      client.once('end', () => (session = null));
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      session = null;
      throw error;
    });
    return session;
  };
  const query = async (sql: string, key: number): Promise<boolean> => {
    const client = await connection();
    const { rows } = await client.query<{ ok: boolean }>(sql, [LOCK_CLASS, key]);
    return rows[0]?.ok === true;
  };
  return {
    async run(name, work, options = {}) {
      const key = lockKey(name);
      const taken = await take(async () => {
        if (!local.tryTake(name)) return false;
        try {
          if (await query('SELECT pg_try_advisory_lock($1, $2) AS ok', key)) return true;
        } catch (error) {
          local.release(name);
          throw error;
        }
        local.release(name);
        return false;
      }, options.waitMs ?? 0);
      if (!taken) return false;
      try {
        await work();
        return true;
      } finally {
        try {
          await query('SELECT pg_advisory_unlock($1, $2) AS ok', key);
        } catch {
          // The session is gone, and its locks with it.
        }
        local.release(name);
      }
    },
    async close() {
      const open = session;
      session = null;
      if (open) await open.then((client) => client.end()).catch(() => undefined);
    },
  };
}
