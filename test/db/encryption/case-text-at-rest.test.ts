/**
 * What a copy of the database holds of a case's text: nothing readable while the case is open,
 * and nothing at all (not even the ciphertext, on SQLite) once it was withdrawn or presented.
 * On SQLite the bytes of the main file, its write-ahead log and its shared-memory file are
 * searched; on PostgreSQL the stored row is read with plain SQL.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataKeyring, generateDataKey } from '../../../src/db/encryption/data-keys.js';
import { UnreadableCaseTextError } from '../../../src/db/encryption/case-text-sweep.js';
import { sqliteFilePath } from '../../../src/db/migrations/migrate.js';
import { openStore } from '../../../src/db/open-store.js';
import type { Circle } from '../../../src/services/circles/model.js';
import { TEST_KEYS } from '../../support/data-keys.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import {
  ALICE,
  BOB,
  CAROL,
  createServiceHarness,
  type ServiceHarness,
} from '../../support/service-harness.js';
import { executeSql } from '../migrations/raw-sql.js';
import { foundIn, pieces, sqliteFiles } from './stored-bytes.js';

const LABEL = 'Marmalade transference in a stalled supervision';
const QUESTION = 'Why does the pumpernickel silence weigh on the group?';
const CLEAR_LABEL = 'Legacy harpsichord impasse with a new client';
const CLEAR_QUESTION = 'What keeps the kumquat dread alive?';
/** Words of the texts that appear nowhere else, searched for on their own too. */
const WORDS = ['marmalade', 'pumpernickel', 'harpsichord', 'kumquat'];

interface StoredText {
  label: string | null;
  question: string | null;
}

describe.each(databases)('case text at rest on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;

  /** The label and question as stored, read with plain SQL beside the store. */
  const stored = async (caseId: string): Promise<StoredText> => {
    const sql = 'SELECT label, question FROM case_requests WHERE id = ';
    if (db.name === 'sqlite') {
      const sqlite = new Database(sqliteFilePath(db.url), { readonly: true });
      try {
        return sqlite.prepare(`${sql}?`).get(caseId) as StoredText;
      } finally {
        sqlite.close();
      }
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<StoredText>(`${sql}$1`, [caseId])).rows[0]!;
    } finally {
      await client.end();
    }
  };

  /**
   * Which of `needles` occur in the database's files (SQLite: main file, -wal, -shm), compared as
   * UTF-8 bytes without regard to case; on PostgreSQL, in the text of every case_requests row.
   */
  const traces = async (needles: readonly string[]): Promise<string[]> => {
    if (db.name === 'sqlite') return foundIn(await sqliteFiles(db.url), needles);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ row: string }>('SELECT c::text AS row FROM case_requests c');
      return foundIn(
        [
          rows
            .map((r) => r.row)
            .join('\n')
            .toLowerCase(),
        ],
        needles,
      );
    } finally {
      await client.end();
    }
  };
  const texts = [LABEL, QUESTION, CLEAR_LABEL, CLEAR_QUESTION, ...WORDS];
  const caseOf = async (userId: string) => {
    const all = await h.store.cases.listByCircle(circle.id, ['open', 'presenting', 'presented', 'withdrawn']);
    return all.find((c) => c.userId === userId)!;
  };

  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    h.clock.set('2026-03-01T10:00:00Z'); // a Sunday
    circle = await h.services.circles.create(h.moderator, {
      name: 'Peer Group',
      kind: 'peer-consultation',
      facilitation: 'designated',
    });
    for (const userId of [ALICE, BOB, CAROL]) {
      await h.services.roster.add(h.moderator, 'Peer Group', { userId, isBot: false });
      await h.services.membership.accept(userId, circle.id, 1);
    }
    await h.services.settings.update(h.moderator, 'Peer Group', { leaderId: ALICE });
    await h.services.schedules.set(h.moderator, 'Peer Group', {
      weekday: 7,
      time: '12:30',
      timeZone: 'UTC',
      duration: 60,
    });
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  it('stores a submitted label and question encrypted, and leaves no trace of them once withdrawn', async () => {
    const { request } = await h.services.cases.submit(h.member(BOB), circle.id, {
      label: LABEL,
      question: QUESTION,
    });
    expect(request).toMatchObject({ label: LABEL, question: QUESTION });
    const { queue } = await h.services.cases.queue(h.member(ALICE), 'Peer Group');
    expect(queue.map((c) => [c.label, c.question])).toEqual([[LABEL, QUESTION]]);

    const sealed = await stored(request.id);
    expect(sealed.label).toMatch(/^v1:[0-9a-f]{8}:/);
    expect(sealed.question).toMatch(/^v1:[0-9a-f]{8}:/);
    expect(await traces(texts)).toEqual([]);
    // The search sees the stored bytes: the encrypted values themselves are found.
    expect(await traces([sealed.label!, sealed.question!])).toHaveLength(2);
    const ciphertext = pieces(sealed.label, sealed.question);
    expect(await traces(ciphertext)).toEqual(ciphertext);

    await h.services.cases.withdraw(h.member(BOB), 'Peer Group');
    expect(await stored(request.id)).toEqual({ label: null, question: null });
    expect(await traces(texts)).toEqual([]);
    if (db.name === 'sqlite') expect(await traces(ciphertext)).toEqual([]);
  });

  it('leaves no trace of a presented case once its meeting has ended', async () => {
    await h.services.cases.submit(h.member(BOB), circle.id, { label: LABEL, question: QUESTION });
    h.clock.set('2026-03-01T12:35:00Z');
    const { taken } = await h.services.cases.next(h.member(ALICE), 'Peer Group');
    expect(taken).toMatchObject({ userId: BOB, label: LABEL, question: QUESTION });
    const sealed = await stored(taken!.id);
    expect(await traces(texts)).toEqual([]);
    const ciphertext = pieces(sealed.label, sealed.question);
    expect(await traces(ciphertext)).toEqual(ciphertext);

    h.clock.set('2026-03-01T12:50:00Z');
    expect(await h.services.cases.closeEnded()).toBe(0); // the meeting is still on
    h.clock.set('2026-03-01T13:31:00Z');
    expect(await h.services.cases.closeEnded()).toBe(1);
    expect(await caseOf(BOB)).toMatchObject({ status: 'presented', label: null, question: null });
    expect(await stored(taken!.id)).toEqual({ label: null, question: null });
    expect(await traces(texts)).toEqual([]);
    if (db.name === 'sqlite') expect(await traces(ciphertext)).toEqual([]);
  });

  it('reads clear text from before encryption, and encrypts it at the next start without a trace left', async () => {
    const { request } = await h.services.cases.submit(h.member(CAROL), circle.id, { label: 'Placeholder' });
    await h.close();
    await executeSql(db, [
      `UPDATE case_requests SET label = '${CLEAR_LABEL}', question = '${CLEAR_QUESTION}' WHERE id = '${request.id}'`,
    ]);
    expect(await stored(request.id)).toEqual({ label: CLEAR_LABEL, question: CLEAR_QUESTION });
    expect(await traces([CLEAR_LABEL, 'kumquat'])).toEqual([CLEAR_LABEL, 'kumquat']);

    // A store that does not migrate reads the clear text as it is.
    const reader = await openStore(db.url, { keys: TEST_KEYS, migrate: false });
    const [legacy] = await reader.cases.listByCircle(circle.id, ['open']);
    expect(legacy).toMatchObject({ label: CLEAR_LABEL, question: CLEAR_QUESTION });
    await reader.close();

    h = await createServiceHarness(db.url);
    const sealed = await stored(request.id);
    expect(sealed.label).toMatch(/^v1:/);
    expect(sealed.question).toMatch(/^v1:/);
    const { queue } = await h.services.cases.queue(h.member(ALICE), 'Peer Group');
    expect(queue.map((c) => [c.label, c.question])).toEqual([[CLEAR_LABEL, CLEAR_QUESTION]]);
    expect(await traces(texts)).toEqual([]);
  });

  it('refuses to start when stored text was encrypted under a key it does not hold, and writes nothing', async () => {
    const { request } = await h.services.cases.submit(h.member(BOB), circle.id, { label: LABEL });
    await h.close();
    const before = await stored(request.id);
    const other = new DataKeyring(generateDataKey());
    const opening = openStore(db.url, { keys: other });
    await expect(opening).rejects.toThrow(UnreadableCaseTextError);
    await expect(opening).rejects.toThrow(
      `1 stored case text value(s) cannot be decrypted: 1 under data key ${TEST_KEYS.current.id}, which this process does not hold.`,
    );
    expect(await stored(request.id)).toEqual(before);

    h = await createServiceHarness(db.url, new DataKeyring(other.current.key, [TEST_KEYS.current.key]));
    expect((await caseOf(BOB)).label).toBe(LABEL);
  });
});
