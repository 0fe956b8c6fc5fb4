/** Shared helpers for the database tests. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { openStore, type OpenStoreOptions } from '../../src/db/open-store.js';
import type { NewCircle } from '../../src/services/model.js';
import type { Store } from '../../src/services/ports.js';
import type { TestDatabase, TestDatabaseFactory } from '../support/databases.js';

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
  options?: OpenStoreOptions,
): { store: Store; db: TestDatabase } {
  const context = {} as { store: Store; db: TestDatabase };
  beforeAll(async () => {
    context.db = await factory.create();
    context.store = await openStore(context.db.url, options);
  });
  afterAll(async () => {
    await context.store?.close();
    await context.db?.drop();
  });
  return context;
}
