import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, type TestDatabase } from '../support/databases.js';
import { startE2E, type E2E } from '../support/e2e.js';

describe.each(databases.slice(0, 1))('/help end to end on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;

  beforeEach(async () => {
    db = await database.create();
    t = await startE2E(db);
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  it('answers privately with every command, organised by role with the first steps first', async () => {
    const reply = await t.run(t.world.users.alice, 'help');
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('never share names');
    const reference = JSON.stringify(reply.embeds);
    for (const usage of [
      '/circle join circle',
      '/case next circle',
      '/meeting move circle date time [from]',
      '/circle-admin schedule circle weekday time timezone',
      '/setup [moderator-role] [category] [mod-log]',
      '/help',
    ]) {
      expect(reference).toContain(usage);
    }
    expect((reply.embeds as { title?: string }[]).map((e) => e.title)).toEqual([
      'Moderators (Manage Server or the moderator role)',
      'Leaders and facilitators',
      'Members',
      'Everyone',
    ]);
    expect(reference).toContain('1. `/setup [moderator-role] [category] [mod-log]');
  });
});
