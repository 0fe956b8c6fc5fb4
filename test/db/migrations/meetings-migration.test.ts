import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, MigrationError } from '../../../src/db/migrations/migrate.js';
import { defaultMigrationsDir, loadMigrations } from '../../../src/db/migrations/migrations.js';
import { openStore } from '../../../src/db/open-store.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import { TEST_KEYS } from '../../support/data-keys.js';
import { executeSql } from './raw-sql.js';

const INSERT_CIRCLE = `INSERT INTO circles
  (id, guild_id, name, name_key, kind, capacity, state, facilitation, text_channel_id, voice_channel_id,
   agreement_version, created_at)
  VALUES ('c-old', 'g-old', 'Old Circle', 'old circle', 'balint', 6, 'locked', 'designated', 't-old', 'v-old',
   2, '2025-03-01T09:00:00.000+00:00')`;

describe.each(databases)('the meetings migration on $name', (factory) => {
  const created: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(created.map((db) => db.drop()));
  });
  const names = loadMigrations(defaultMigrationsDir(factory.name)).map((migration) => migration.name);
  const meetings = names.findIndex((name) => name.endsWith('_meetings'));

  it('keeps an existing circle and gives it the meeting defaults', async () => {
    expect(meetings).toBeGreaterThan(0);
    const db = await factory.create();
    created.push(db);
    const before = await applyMigrations(db.url, { upTo: names[meetings - 1] });
    expect(before.applied).toEqual(names.slice(0, meetings));
    await executeSql(db, [INSERT_CIRCLE]);

    expect((await applyMigrations(db.url)).applied).toEqual(names.slice(meetings));
    const store = await openStore(db.url, { keys: TEST_KEYS, migrate: false });
    try {
      expect(await store.circles.findById('c-old')).toEqual({
        id: 'c-old',
        guildId: 'g-old',
        name: 'Old Circle',
        kind: 'balint',
        capacity: 6,
        state: 'locked',
        facilitation: 'designated',
        textChannelId: 't-old',
        voiceChannelId: 'v-old',
        agreementVersion: 2,
        leaderId: null,
        coLeaderId: null,
        reminderLeadMinutes: [15],
        reflectionPrompt: false,
        createdAt: new Date('2025-03-01T09:00:00.000Z'),
        archivedAt: null,
        exposure: null,
        exposedAt: null,
        attendanceMinimum: null,
        attendanceWindow: null,
        dropInPlaces: 0,
        mentionMembers: true,
      });
      expect(await store.circles.findByName('g-old', 'OLD CIRCLE')).not.toBeNull(); // indexes rebuilt
      expect(await store.schedules.get('c-old')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('refuses an unknown `upTo`', async () => {
    const db = await factory.create();
    created.push(db);
    await expect(applyMigrations(db.url, { upTo: 'nope' })).rejects.toBeInstanceOf(MigrationError);
  });
});
