import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepCaseText, UnreadableCaseTextError } from '../../../src/db/encryption/case-text-sweep.js';
import { DataKeyring, dataKeyId, generateDataKey } from '../../../src/db/encryption/data-keys.js';
import { rotateDataKey } from '../../../src/db/encryption/rotate-data-key.js';
import { sqliteFilePath } from '../../../src/db/migrations/migrate.js';
import { openStore } from '../../../src/db/open-store.js';
import { connect, type DbClient } from '../../../src/db/prisma-client.js';
import type { Store } from '../../../src/services/kernel/store.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import { newCircle } from '../fixtures.js';
import { foundIn, pieces, sqliteFiles } from './stored-bytes.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../../scripts/rotate-data-key.ts', import.meta.url));

interface Row {
  id: string;
  label: string | null;
  question: string | null;
}

/** Runs `npm run rotate-data-key`'s script with `env` (and nothing else of this process's environment but PATH). */
function runScript(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

describe.each(databases)('data key rotation on $name', (database) => {
  let db: TestDatabase;
  const keyA = generateDataKey();
  const keyB = generateDataKey();
  const idA = dataKeyId(keyA);
  const idB = dataKeyId(keyB);

  /** Every stored label and question, with plain SQL. */
  const rows = async (): Promise<Row[]> => {
    const sql = 'SELECT id, label, question FROM case_requests ORDER BY id';
    if (db.name === 'sqlite') {
      const sqlite = new Database(sqliteFilePath(db.url), { readonly: true });
      try {
        return sqlite.prepare(sql).all() as Row[];
      } finally {
        sqlite.close();
      }
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<Row>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  /** The key id of each stored value, in order. */
  const keyIds = async () =>
    (await rows()).flatMap((r) =>
      [r.label, r.question].filter((v) => v !== null).map((v) => v.split(':')[1]),
    );

  /** Opens a store with `keys`, runs `work`, closes it. */
  const withStore = async <T>(keys: DataKeyring, work: (store: Store) => Promise<T>, migrate = true) => {
    const store = await openStore(db.url, { keys, migrate });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  };
  const addCases = (store: Store, circleId: string, labels: string[]) =>
    Promise.all(
      labels.map((label, i) =>
        store.cases.create({
          circleId,
          userId: `user-${label}`,
          urgency: 'routine',
          label,
          question: i % 2 === 0 ? `A question about ${label}` : null,
          submittedAt: new Date('2026-03-01T10:00:00Z'),
        }),
      ),
    );
  const labelsOf = (store: Store, circleId: string) =>
    store.cases
      .listByCircle(circleId, ['open'])
      .then((cases) => cases.map((c) => [c.label, c.question]).sort());

  beforeEach(async () => {
    db = await database.create();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('reads values under key A with B current and A previous, and with B alone after rotate-data-key', async () => {
    const first = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
    const circle = await withStore(new DataKeyring(keyA), async (store) => {
      const created = await store.circles.create(newCircle());
      await addCases(store, created.id, first);
      return created;
    });
    // A bot started with B current and A previous runs beside the rotation.
    const bot = await openStore(db.url, { keys: new DataKeyring(keyB, [keyA]) });
    await addCases(bot, circle.id, ['foxtrot']);
    const before = await labelsOf(bot, circle.id);
    expect(before).toHaveLength(6);
    expect(before).toContainEqual(['alpha', 'A question about alpha']);
    expect(before).toContainEqual(['foxtrot', 'A question about foxtrot']);
    expect((await keyIds()).sort()).toEqual([...Array<string>(8).fill(idA), idB, idB].sort());
    const underA = (await rows())
      .flatMap((r) => [r.label, r.question])
      .filter((v) => v?.includes(`:${idA}:`));

    const batches: number[] = [];
    const report = await rotateDataKey(db.url, new DataKeyring(keyB, [keyA]), {
      batchSize: 2,
      onBatch: (sofar) => batches.push(sofar.rows),
    });
    expect(report).toMatchObject({ rows: 6, sealed: 8, unreadable: [], discarded: 0, changedMeanwhile: 0 });
    expect(batches.slice(0, 3)).toEqual([2, 4, 6]);
    expect(new Set(await keyIds())).toEqual(new Set([idB]));

    const again = await rotateDataKey(db.url, new DataKeyring(keyB, [keyA]));
    expect(again).toMatchObject({ rows: 6, sealed: 0 });

    expect(await labelsOf(bot, circle.id)).toEqual(before);
    // The values as they were are gone from the files, while the bot still has the database open.
    if (db.name === 'sqlite') expect(foundIn(await sqliteFiles(db.url), pieces(...underA))).toEqual([]);
    await bot.close();

    expect(await withStore(new DataKeyring(keyB), (store) => labelsOf(store, circle.id))).toEqual(before);
    await expect(withStore(new DataKeyring(keyA), async () => undefined)).rejects.toThrow(
      UnreadableCaseTextError,
    );
  });

  it('reports text under a key it does not hold, leaves it, and deletes it only when asked', async () => {
    const lost = generateDataKey();
    const circle = await withStore(new DataKeyring(lost), async (store) => {
      const created = await store.circles.create(newCircle());
      await addCases(store, created.id, ['golf']);
      return created;
    });
    await withStore(new DataKeyring(keyB), (store) => addCases(store, circle.id, ['hotel', 'india']), false);
    const [golf] = (await rows()).filter((r) => r.label?.includes(`:${dataKeyId(lost)}:`));

    const report = await rotateDataKey(db.url, new DataKeyring(keyB));
    expect(report).toMatchObject({ rows: 3, sealed: 0, discarded: 0 });
    expect(report.unreadable.map((e) => [e.reason, e.keyId, e.ref.field])).toEqual([
      ['unknown-key', dataKeyId(lost), 'label'],
      ['unknown-key', dataKeyId(lost), 'question'],
    ]);
    expect((await rows()).find((r) => r.id === golf!.id)).toEqual(golf);
    await expect(withStore(new DataKeyring(keyB), async () => undefined)).rejects.toThrow(
      `2 stored case text value(s) cannot be decrypted: 2 under data key ${dataKeyId(lost)}, which this process does not hold.`,
    );

    const discarding = await rotateDataKey(db.url, new DataKeyring(keyB), { discardUnreadable: true });
    expect(discarding).toMatchObject({ sealed: 0, discarded: 2 });
    expect((await rows()).find((r) => r.id === golf!.id)).toMatchObject({ label: null, question: null });
    expect(await withStore(new DataKeyring(keyB), (store) => labelsOf(store, circle.id))).toEqual([
      [null, null],
      ['hotel', 'A question about hotel'],
      ['india', null],
    ]);
  });

  it('leaves a row that changed between its read and its write to the next run', async () => {
    await withStore(new DataKeyring(keyA), async (store) => {
      const created = await store.circles.create(newCircle());
      await addCases(store, created.id, ['kilo']);
    });
    const connection = await connect(db.url);
    try {
      const cases = connection.client.caseRequest;
      // The bot deletes the question just before the sweep writes the row.
      const racing = {
        caseRequest: {
          findMany: (args: Parameters<typeof cases.findMany>[0]) => cases.findMany(args),
          updateMany: async (args: Parameters<typeof cases.updateMany>[0]) => {
            await cases.updateMany({ data: { question: null } });
            return cases.updateMany(args);
          },
        },
      } as unknown as DbClient;
      const report = await sweepCaseText(racing, new DataKeyring(keyB, [keyA]), { scope: 'all' });
      expect(report).toMatchObject({ rows: 1, sealed: 0, changedMeanwhile: 1 });
    } finally {
      await connection.close();
    }
    expect(await keyIds()).toEqual([idA]);
    expect(await rotateDataKey(db.url, new DataKeyring(keyB, [keyA]))).toMatchObject({
      rows: 1,
      sealed: 1,
      changedMeanwhile: 0,
    });
    expect(await keyIds()).toEqual([idB]);
  });

  it('npm run rotate-data-key re-encrypts under the keys of the environment, and says what it did', async () => {
    const circle = await withStore(new DataKeyring(keyA), async (store) => {
      const created = await store.circles.create(newCircle());
      await addCases(store, created.id, ['juliett']);
      return created;
    });
    const env = {
      DATABASE_URL: db.url,
      DATA_KEY: keyB.toString('base64'),
      DATA_KEY_PREVIOUS: keyA.toString('hex'),
    };
    const run = await runScript(env, ['--batch-size', '10']);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toContain(`current data key ${idB}; also reading ${idA}`);
    expect(run.out).toContain(`done: 1 rows with case text, 2 value(s) re-encrypted under ${idB}`);
    expect(new Set(await keyIds())).toEqual(new Set([idB]));
    expect(run.out).not.toContain(keyB.toString('base64'));

    const rerun = await runScript(env);
    expect(rerun.out).toContain(`done: 1 rows with case text, 0 value(s) re-encrypted under ${idB}`);

    const refused = await runScript({ DATABASE_URL: db.url, DATA_KEY: keyA.toString('hex') });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`2 stored case text value(s) cannot be decrypted: 2 under data key ${idB}`);
    expect(refused.err).toContain('--discard-unreadable');

    expect(await withStore(new DataKeyring(keyB), (store) => labelsOf(store, circle.id))).toEqual([
      ['juliett', 'A question about juliett'],
    ]);
  });
});
