import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Connection } from '../../src/db/prisma-client.js';
import { databases, type TestDatabase } from '../support/databases.js';

const postgresql = databases.filter((factory) => factory.name === 'postgresql');

describe.each(postgresql)('the connection pool on $name', (factory) => {
  let db: TestDatabase;
  let connection: Connection | null = null;

  beforeEach(async () => {
    db = await factory.create();
  });
  afterEach(async () => {
    await connection?.close();
    await db.drop();
  });

  /** The most connections the app held to its database while eight queries ran at once. */
  async function busiest(poolSize: number): Promise<number> {
    connection = await connect(db.url, { poolSize });
    const observer = new pg.Client({ connectionString: db.url });
    await observer.connect();
    let most = 0;
    let running = true;
    const watch = (async () => {
      while (running) {
        const { rows } = await observer.query<{ n: string }>(
          'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        most = Math.max(most, Number(rows[0]!.n));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const client = connection.client;
    await Promise.all(
      Array.from({ length: 8 }, () => client.$queryRawUnsafe('SELECT pg_sleep(0.3)::text AS slept')),
    );
    running = false;
    await watch;
    await observer.end();
    return most;
  }

  it('keeps to the size it is given', async () => {
    const most = await busiest(3);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(3);
  });

  it('opens more connections when given more', async () => {
    expect(await busiest(8)).toBeGreaterThan(3);
  });
});
