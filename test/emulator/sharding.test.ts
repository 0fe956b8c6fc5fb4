import { Client, type ClientOptions, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DiscordEmulator, type EmulatorOptions } from '../../emulator/index.js';
import { installDmBot, sendDmPanel } from './dm-bot-fixture.js';

interface Frame {
  op: number;
  t: string | null;
  d: unknown;
}

/** Discord's shard formula, computed here independently of the emulator. */
function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/**
 * Creates guilds (each with a #general) until every one of `count` shards holds at least `perShard`.
 * A guild id's shard comes from its creation millisecond, so guilds made in the same millisecond share one.
 */
async function guildsOnEveryShard(emu: DiscordEmulator, count: number, perShard = 2): Promise<string[]> {
  const ids: string[] = [];
  const held = (shard: number): number => ids.filter((id) => shardOf(id, count) === shard).length;
  for (let i = 0; Array.from({ length: count }, (_, s) => held(s)).some((n) => n < perShard); i += 1) {
    const id = emu.createGuild({ name: `Clinic ${i}` }).id;
    emu.createChannel(id, { name: 'general' });
    ids.push(id);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return ids;
}

/** A raw gateway connection that identifies for `shard` and collects frames. */
async function identifyRaw(
  emu: DiscordEmulator,
  shard: [number, number],
): Promise<{ ws: WebSocket; next(pred: (f: Frame) => boolean): Promise<Frame>; closed: Promise<number> }> {
  const ws = new WebSocket(`${emu.gatewayUrl}?v=10&encoding=json`);
  const frames: Frame[] = [];
  const waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.on('message', (raw: Buffer) => {
    const frame = JSON.parse(raw.toString()) as Frame;
    frames.push(frame);
    for (const w of [...waiters])
      if (w.pred(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code: number) => resolve(code)));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ op: 2, d: { token: emu.botToken, intents: 1, properties: {}, shard } }));
  return {
    ws,
    closed,
    next: (pred) => {
      const seen = frames.find(pred);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}

describe('gateway sharding', () => {
  let emu: DiscordEmulator | undefined;
  const clients: Client[] = [];
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.close(1000);
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
    await emu?.stop();
    emu = undefined;
  });

  async function start(options: EmulatorOptions): Promise<DiscordEmulator> {
    emu = await DiscordEmulator.start(options);
    return emu;
  }

  async function login(e: DiscordEmulator, options: Partial<ClientOptions> = {}): Promise<Client> {
    const client = new Client({ intents: [GatewayIntentBits.Guilds], ...options, rest: { api: e.restBase } });
    clients.push(client);
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(e.botToken);
    await ready;
    return client;
  }

  /** The events each shard's sessions were sent, keyed `id/count`. */
  function sentByShard(e: DiscordEmulator): Record<string, string[]> {
    const log = e.dispatchLog;
    return Object.fromEntries(e.gatewayShards().map((s, i) => [s.shard.join('/'), log[i] ?? []]));
  }

  it('GET /gateway/bot recommends the configured shards and max_concurrency', async () => {
    const e = await start({ shards: 3, maxConcurrency: 2 });
    const get = async (): Promise<unknown> => {
      const res = await fetch(`${e.restBase}/v10/gateway/bot`, {
        headers: { authorization: `Bot ${e.botToken}` },
      });
      return res.json();
    };
    expect(await get()).toMatchObject({
      url: e.gatewayUrl,
      shards: 3,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 2 },
    });
    e.setRecommendedShards(4);
    expect(await get()).toMatchObject({ shards: 4 });
  });

  it("connects a `shards: 'auto'` client on two shards, each guild arriving on its own shard", async () => {
    const e = await start({ shards: 2, maxConcurrency: 2 });
    const guildIds = await guildsOnEveryShard(e, 2);
    const client = await login(e, { shards: 'auto' });

    expect(client.ws.shards.size).toBe(2);
    expect([...client.guilds.cache.keys()].sort()).toEqual([...guildIds].sort());
    for (const guild of client.guilds.cache.values()) expect(guild.shardId).toBe(shardOf(guild.id, 2));
    const held = (s: number): number => guildIds.filter((id) => shardOf(id, 2) === s).length;
    expect(e.gatewayShards().sort((a, b) => a.shard[0] - b.shard[0])).toEqual([
      { shard: [0, 2], guilds: held(0), connected: true },
      { shard: [1, 2], guilds: held(1), connected: true },
    ]);
    const sent = sentByShard(e);
    expect(sent['0/2']?.filter((t) => t === 'GUILD_CREATE')).toHaveLength(held(0));
    expect(sent['1/2']?.filter((t) => t === 'GUILD_CREATE')).toHaveLength(held(1));
    expect(e.identifyRefusals).toBe(0);

    const joined = new Promise<{ id: string; shardId: number }>((resolve) =>
      client.once(Events.GuildCreate, (g) => resolve({ id: g.id, shardId: g.shardId })),
    );
    const newId = e.createGuild({ name: 'Late clinic' }).id;
    expect(await joined).toEqual({ id: newId, shardId: shardOf(newId, 2) });
  });

  it('lets discord.js pace its two shards itself with max_concurrency 1: no IDENTIFY is refused', async () => {
    const e = await start({ shards: 2 });
    const guildIds = await guildsOnEveryShard(e, 2, 1);
    const client = await login(e, { shards: 'auto' });
    expect(client.guilds.cache.size).toBe(guildIds.length);
    expect(
      e
        .gatewayShards()
        .map((s) => s.shard.join('/'))
        .sort(),
    ).toEqual(['0/2', '1/2']);
    expect(e.identifyRefusals).toBe(0);
  });

  it('delivers a guild interaction only to the client holding its shard, a DM one only to shard 0', async () => {
    const e = await start({ shards: 2, maxConcurrency: 2 });
    const guildIds = await guildsOnEveryShard(e, 2, 1);
    const alice = e.createUser({ username: 'alice' });
    for (const id of guildIds) e.addMember(id, alice);
    const shard0 = await login(e, { shards: [0], shardCount: 2 });
    const shard1 = await login(e, { shards: [1], shardCount: 2 });
    expect(shard0.guilds.cache.every((g) => shardOf(g.id, 2) === 0)).toBe(true);
    expect(shard1.guilds.cache.every((g) => shardOf(g.id, 2) === 1)).toBe(true);
    expect(shard0.guilds.cache.size + shard1.guilds.cache.size).toBe(guildIds.length);

    const guild1 = guildIds.find((id) => shardOf(id, 2) === 1) ?? '';
    await shard1.application?.commands.set([{ name: 'ping', description: 'Ping' }], guild1);
    const seen: Record<string, string[]> = { shard0: [], shard1: [] };
    for (const [name, client] of [
      ['shard0', shard0],
      ['shard1', shard1],
    ] as const)
      client.on(Events.InteractionCreate, (interaction) => {
        seen[name]?.push(interaction.isButton() ? interaction.customId : String(interaction.guildId));
        if (interaction.isChatInputCommand())
          void interaction.reply({ content: 'pong', flags: MessageFlags.Ephemeral });
      });
    await e.as(alice).runCommand(guild1, 'ping').reply();
    expect(seen).toEqual({ shard0: [], shard1: [guild1] });

    const dmBots = [installDmBot(shard0), installDmBot(shard1)];
    const panel = await sendDmPanel(shard1, alice);
    await e.as(alice).clickDmButton(panel, 'dm-update').reply();
    expect(dmBots.map((b) => b.seen.map((s) => s.customId))).toEqual([['dm-update'], []]);
    expect(dmBots.flatMap((b) => b.errors)).toEqual([]);

    const interactions = sentByShard(e);
    expect(interactions['0/2']?.filter((t) => t === 'INTERACTION_CREATE')).toHaveLength(1);
    expect(interactions['1/2']?.filter((t) => t === 'INTERACTION_CREATE')).toHaveLength(1);
    expect(seen).toEqual({ shard0: ['dm-update'], shard1: [guild1] });

    await shard0.destroy();
    await e.waitFor(() => e.gatewayShards().every((s) => s.shard[0] === 1), 5000, 'shard 0 gone');
    const second = await sendDmPanel(shard1, alice, 'Confirm your Thursday seat');
    expect(() => e.as(alice).clickDmButton(second, 'dm-update')).toThrow(/no session holds the shard of DMs/);
  });

  it('closes an IDENTIFY with 4011 when the shard would hold too many guilds, 4010 for an invalid shard', async () => {
    const e = await start({ maxGuildsPerShard: 2, identifyIntervalMs: 0 });
    for (let i = 0; i < 3; i += 1) e.createGuild({ name: `Clinic ${i}` });
    const tooMany = await identifyRaw(e, [0, 1]);
    expect(await tooMany.closed).toBe(4011);
    for (const shard of [
      [1, 1],
      [0, 0],
      [-1, 2],
    ] as [number, number][]) {
      const invalid = await identifyRaw(e, shard);
      expect(await invalid.closed).toBe(4010);
    }
    expect(e.gatewayShards()).toEqual([]);
  });

  it('answers a second IDENTIFY in the same bucket within the window with op 9, and counts it', async () => {
    const e = await start({ shards: 2 });
    const first = await identifyRaw(e, [0, 1]);
    sockets.push(first.ws);
    expect((await first.next((f) => f.t === 'READY')).d).toMatchObject({ shard: [0, 1] });
    const second = await identifyRaw(e, [0, 1]);
    sockets.push(second.ws);
    expect((await second.next((f) => f.op === 9)).d).toBe(false);
    expect(e.identifyRefusals).toBe(1);
    const other = await identifyRaw(e, [1, 2]);
    sockets.push(other.ws);
    expect((await other.next((f) => f.op === 9)).d).toBe(false);
    expect(e.identifyRefusals).toBe(2);
    expect(e.gatewayShards()).toEqual([{ shard: [0, 1], guilds: 0, connected: true }]);
  });

  it('lets shards 0 and 1 identify at once with max_concurrency 2, each READY naming its shard', async () => {
    const e = await start({ shards: 2, maxConcurrency: 2 });
    const [zero, one] = await Promise.all([identifyRaw(e, [0, 2]), identifyRaw(e, [1, 2])]);
    sockets.push(zero.ws, one.ws);
    expect((await zero.next((f) => f.t === 'READY')).d).toMatchObject({ shard: [0, 2] });
    expect((await one.next((f) => f.t === 'READY')).d).toMatchObject({ shard: [1, 2] });
    expect(e.identifyRefusals).toBe(0);
    const again = await identifyRaw(e, [0, 2]);
    sockets.push(again.ws);
    expect((await again.next((f) => f.op === 9)).d).toBe(false);
    expect(e.identifyRefusals).toBe(1);
  });
});
