import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Connection } from '../../../src/db/prisma-client.js';
import { openStore } from '../../../src/db/open-store.js';
import { rekeyCircleNames, rekeyCircleNamesOnce } from '../../../src/db/migrations/rekey-circle-names.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import { TEST_KEYS } from '../../support/data-keys.js';
import { newCircle, uid } from '../fixtures.js';

describe.each(databases)('circle name keys on $name', (factory) => {
  let db: TestDatabase;
  let connection: Connection;
  beforeEach(async () => {
    db = await factory.create();
    await (await openStore(db.url, { keys: TEST_KEYS })).close(); // migrate
    connection = await connect(db.url);
  });
  afterEach(async () => {
    await connection.close();
    await db.drop();
  });

  /** A circle row as an older version stored it: the name lower-cased, nothing more. */
  const oldRow = (guildId: string, name: string) => {
    const input = newCircle({ guildId, name });
    return connection.client.circle.create({
      data: {
        guildId,
        name,
        nameKey: name.normalize('NFC').toLowerCase(),
        kind: input.kind,
        capacity: input.capacity,
        state: 'open',
        facilitation: input.facilitation,
        textChannelId: input.textChannelId,
        voiceChannelId: input.voiceChannelId,
        createdAt: input.createdAt,
      },
    });
  };

  it('re-keys names stored before look-alikes were folded, keeps both of a clash, and is idempotent', async () => {
    const guildId = uid('guild');
    await oldRow(guildId, 'Ｔｕｅｓｄａｙ Group');
    await oldRow(guildId, 'Friday Group');
    await oldRow(guildId, 'Tuеsday Group'); // Cyrillic е: the same skeleton as the first
    expect(await rekeyCircleNames(connection.client)).toEqual({ rekeyed: 1, clashes: 1 });
    expect(await rekeyCircleNames(connection.client)).toEqual({ rekeyed: 0, clashes: 1 });

    const store = await openStore(db.url, { keys: TEST_KEYS, migrate: false });
    try {
      const found = await store.circles.findByName(guildId, 'tuesday group');
      expect(found?.name).toBe('Ｔｕｅｓｄａｙ Group');
      // The clashing circle stays reachable by its exact name, never answered for by the other.
      expect((await store.circles.findByName(guildId, 'Tuеsday Group'))?.name).toBe('Tuеsday Group');
      expect((await store.circles.findByName(guildId, 'FRIDAY group'))?.name).toBe('Friday Group');
      await expect(store.circles.create(newCircle({ guildId, name: 'Tuesday Gr0up' }))).rejects.toThrow();
    } finally {
      await store.close();
    }
  });

  it('re-keys once per rule: a later start reads one row instead of every circle', async () => {
    // The store opened in beforeEach already brought the (empty) table up to the rule.
    expect(await rekeyCircleNamesOnce(connection.client)).toBeNull();
    await connection.client.keyValue.deleteMany({ where: { key: 'circle-name-key-rule' } });
    await oldRow(uid('guild'), 'Ｍｏｎｄａｙ Group');
    expect(await rekeyCircleNamesOnce(connection.client)).toEqual({ rekeyed: 1, clashes: 0 });
    expect(await rekeyCircleNamesOnce(connection.client)).toBeNull();
  });
});
