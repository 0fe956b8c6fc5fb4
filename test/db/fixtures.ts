/** Shared helpers for the database tests. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { openStore, type OpenStoreOptions } from '../../src/db/open-store.js';
import type { Circle, NewCircle } from '../../src/services/circles/model.js';
import type { Meeting } from '../../src/services/meetings/model.js';
import type { Store } from '../../src/services/kernel/store.js';
import type { TestDatabase, TestDatabaseFactory } from '../support/databases.js';
import { TEST_KEYS } from '../support/data-keys.js';

/** A unique id (Discord-snowflake-like enough for the database). */
export function uid(prefix = 'id'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

/** A valid `NewCircle` in a fresh guild unless overridden. */
export function newCircle(overrides: Partial<NewCircle> = {}): NewCircle {
  return {
    guildId: uid('guild'),
    name: `Circle ${randomBytes(3).toString('hex')}`,
    kind: 'balint',
    capacity: 8,
    facilitation: 'rotating',
    textChannelId: uid('text'),
    voiceChannelId: uid('voice'),
    agreementText: 'What is said in the circle stays in the circle.',
    createdBy: uid('user'),
    createdAt: new Date('2026-01-05T10:00:00.000Z'),
    ...overrides,
  };
}

/** Minutes after a fixed instant, for ordered timestamps. */
export function at(minutes: number): Date {
  return new Date(Date.UTC(2026, 0, 5, 10, minutes));
}

/**
 * Registers hooks that open a store on a fresh database of `factory` for the enclosing
 * `describe`, and close and drop it afterwards.
 */
export function useStore(
  factory: TestDatabaseFactory,
  options?: Omit<OpenStoreOptions, 'keys'>,
): { store: Store; db: TestDatabase } {
  const context = {} as { store: Store; db: TestDatabase };
  beforeAll(async () => {
    context.db = await factory.create();
    context.store = await openStore(context.db.url, { keys: TEST_KEYS, ...options });
  });
  afterAll(async () => {
    await context.store?.close();
    await context.db?.drop();
  });
  return context;
}

/** A circle and one scheduled meeting of it (starting at `at(startMinute)`, one hour long). */
export async function seedMeeting(
  store: Store,
  startMinute = 60,
): Promise<{ circle: Circle; meeting: Meeting }> {
  const circle = await store.circles.create(newCircle());
  const [meeting] = await store.meetings.createMany([
    {
      circleId: circle.id,
      guildId: circle.guildId,
      occurrence: 'r1:2026-01-05',
      startsAt: at(startMinute),
      endsAt: at(startMinute + 60),
    },
  ]);
  if (meeting === undefined) throw new Error('seedMeeting: no meeting created');
  return { circle, meeting };
}

/**
 * Registers hooks that create one fresh database of `factory` for the enclosing `describe` and
 * open `count` separate stores on it (as separate processes would: on PostgreSQL separate pools,
 * on SQLite separate connections to the same file).
 */
export function useStores(
  factory: TestDatabaseFactory,
  count: number,
): { stores: Store[]; db?: TestDatabase } {
  const context: { stores: Store[]; db?: TestDatabase } = { stores: [] };
  beforeAll(async () => {
    const db = await factory.create();
    context.db = db;
    context.stores.push(await openStore(db.url, { keys: TEST_KEYS }));
    for (let i = 1; i < count; i++)
      context.stores.push(await openStore(db.url, { keys: TEST_KEYS, migrate: false }));
  });
  afterAll(async () => {
    await Promise.all(context.stores.map((store) => store.close()));
    await context.db?.drop();
  });
  return context;
}
