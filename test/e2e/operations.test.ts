import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, type TestDatabase } from '../support/databases.js';
import { startE2E, type E2E } from '../support/e2e.js';

describe.each(databases.slice(0, 1))('health and metrics endpoint end to end on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;

  beforeEach(async () => {
    db = await database.create();
    t = await startE2E(db, { healthPort: 0 });
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  it('reports the bot healthy and counts the interactions it handled', async () => {
    // No SHARD_COUNT: the count Discord recommends (the emulator's GET /gateway/bot says 1).
    expect(t.bot.shards).toEqual({ ids: [0], count: 1 });
    const base = `http://127.0.0.1:${t.bot.health!.port}`;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ gateway: 'ready', database: 'ok' });

    await t.run(t.world.users.alice, 'help');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('circlekeeper_interactions_total{kind="command",outcome="ok"} 1');
    expect(metrics).toContain('circlekeeper_interaction_duration_seconds_count{kind="command"} 1');

    await t.bot.stop();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
