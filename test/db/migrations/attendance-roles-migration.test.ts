import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../src/db/migrations/migrate.js';
import { defaultMigrationsDir, loadMigrations } from '../../../src/db/migrations/migrations.js';
import { openStore } from '../../../src/db/open-store.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import { TEST_KEYS } from '../../support/data-keys.js';
import { executeSql } from './raw-sql.js';

const SEED = [
  `INSERT INTO circles
    (id, guild_id, name, name_key, kind, capacity, state, facilitation, text_channel_id, voice_channel_id,
     agreement_version, created_at)
    VALUES ('c-old', 'g-old', 'Old Circle', 'old circle', 'balint', 6, 'open', 'rotating', 't-old', 'v-old',
     1, '2025-03-01T09:00:00.000+00:00')`,
  `INSERT INTO meetings (id, circle_id, guild_id, occurrence, starts_at, ends_at, status, created_at)
    VALUES ('m-old', 'c-old', 'g-old', 'r1:2025-03-04', '2025-03-04T18:00:00.000+00:00',
     '2025-03-04T19:30:00.000+00:00', 'held', '2025-03-01T09:00:00.000+00:00')`,
  `INSERT INTO attendance (meeting_id, user_id, circle_id, role, checked_in_at)
    VALUES ('m-old', 'u-lead', 'c-old', 'facilitator', '2025-03-04T17:50:00.000+00:00'),
           ('m-old', 'u-member', 'c-old', 'participant', '2025-03-04T17:55:00.000+00:00')`,
];

describe.each(databases)('the attendance roles migration on $name', (factory) => {
  const created: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(created.map((db) => db.drop()));
  });
  const names = loadMigrations(defaultMigrationsDir(factory.name)).map((migration) => migration.name);
  const roles = names.findIndex((name) => name.endsWith('_attendance_roles'));

  it('keeps every check-in, its one role becoming its list of roles', async () => {
    expect(roles).toBeGreaterThan(0);
    const db = await factory.create();
    created.push(db);
    await applyMigrations(db.url, { upTo: names[roles - 1] });
    await executeSql(db, SEED);
    expect((await applyMigrations(db.url)).applied).toEqual(names.slice(roles));
    const store = await openStore(db.url, { keys: TEST_KEYS, migrate: false });
    try {
      const attendance = await store.attendance.listForMeeting('m-old');
      expect(attendance.map((a) => [a.userId, a.roles])).toEqual([
        ['u-lead', ['facilitator']],
        ['u-member', ['participant']],
      ]);
    } finally {
      await store.close();
    }
  });
});
