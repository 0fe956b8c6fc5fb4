import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DiscordEmulator } from '../../emulator/index.js';

interface Frame {
  op: number;
  t: string | null;
  s: number | null;
  d: Record<string, unknown> | null;
}

/** A raw gateway connection collecting frames. */
async function connect(emu: DiscordEmulator): Promise<{
  ws: WebSocket;
  frames: Frame[];
  next(pred: (f: Frame) => boolean): Promise<Frame>;
  closed: Promise<number>;
}> {
  const ws = new WebSocket(`${emu.gatewayUrl}?v=10&encoding=json`);
  const frames: Frame[] = [];
  const waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.on('message', (raw: Buffer) => {
    const frame = JSON.parse(raw.toString()) as Frame;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.pred(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code: number) => resolve(code)));
  await new Promise((resolve) => ws.once('open', resolve));
  return {
    ws,
    frames,
    closed,
    next: (pred) => {
      const seen = frames.find(pred);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}

describe('gateway', () => {
  let emu: DiscordEmulator | undefined;
  const clients: Client[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
    await emu?.stop();
  });

  it('says HELLO, answers heartbeats, sends READY then GUILD_CREATE, and closes 4004 on a bad token', async () => {
    emu = await DiscordEmulator.start();
    const guildId = emu.createGuild({ name: 'Clinic' }).id;
    const conn = await connect(emu);
    const hello = await conn.next((f) => f.op === 10);
    expect(hello.d?.['heartbeat_interval']).toBe(41250);
    conn.ws.send(JSON.stringify({ op: 1, d: null }));
    await conn.next((f) => f.op === 11);
    conn.ws.send(
      JSON.stringify({ op: 2, d: { token: emu.botToken, intents: 1, properties: {}, shard: [0, 1] } }),
    );
    const ready = await conn.next((f) => f.t === 'READY');
    expect(ready.s).toBe(1);
    expect(ready.d).toMatchObject({
      v: 10,
      guilds: [{ id: guildId, unavailable: true }],
      application: { id: emu.applicationId },
    });
    const guildCreate = await conn.next((f) => f.t === 'GUILD_CREATE');
    expect(guildCreate.s).toBe(2);
    expect(guildCreate.d).toMatchObject({ id: guildId, unavailable: false, member_count: 2 });
    conn.ws.close(1000);

    const bad = await connect(emu);
    bad.ws.send(JSON.stringify({ op: 2, d: { token: 'nope', intents: 1, properties: {} } }));
    expect(await bad.closed).toBe(4004);
  });

  it('resumes a session and replays missed dispatches; unknown sessions get INVALID_SESSION', async () => {
    emu = await DiscordEmulator.start();
    const guildId = emu.createGuild({ name: 'Clinic' }).id;
    const first = await connect(emu);
    first.ws.send(JSON.stringify({ op: 2, d: { token: emu.botToken, intents: 1, properties: {} } }));
    const ready = await first.next((f) => f.t === 'READY');
    const guildCreate = await first.next((f) => f.t === 'GUILD_CREATE');
    first.ws.close(4000);
    await first.closed;
    emu.createChannel(guildId, { name: 'missed' });

    const second = await connect(emu);
    second.ws.send(
      JSON.stringify({
        op: 6,
        d: { token: emu.botToken, session_id: ready.d?.['session_id'], seq: guildCreate.s },
      }),
    );
    const replayed = await second.next((f) => f.t === 'CHANNEL_CREATE');
    expect(replayed.d).toMatchObject({ name: 'missed' });
    await second.next((f) => f.t === 'RESUMED');

    const third = await connect(emu);
    third.ws.send(JSON.stringify({ op: 6, d: { token: emu.botToken, session_id: 'gone', seq: 1 } }));
    expect((await third.next((f) => f.op === 9)).d).toBe(false);
    second.ws.close(1000);
    third.ws.close(1000);
  });

  it('dispatches to every connected bot', async () => {
    emu = await DiscordEmulator.start();
    const guildId = emu.createGuild({ name: 'Clinic' }).id;
    for (let i = 0; i < 2; i += 1) {
      const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.restBase } });
      clients.push(client);
      const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
      await client.login(emu.botToken);
      await ready;
    }
    expect(emu.connectedBots).toBe(2);
    const seen = clients.map(
      (c) => new Promise<string>((resolve) => c.once(Events.ChannelCreate, (ch) => resolve(ch.name))),
    );
    emu.createChannel(guildId, { name: 'both' });
    expect(await Promise.all(seen)).toEqual(['both', 'both']);
    const roleSeen = new Promise<string>((resolve) =>
      clients[0]?.once(Events.GuildRoleCreate, (r) => resolve(r.name)),
    );
    emu.createRole(guildId, { name: 'Facilitator' });
    expect(await roleSeen).toBe('Facilitator');
  });

  it('expires interactions the bot does not acknowledge in time (10062)', async () => {
    emu = await DiscordEmulator.start({ interactionAckTimeoutMs: 100 });
    const guildId = emu.createGuild({ name: 'Clinic' }).id;
    emu.createChannel(guildId, { name: 'general' });
    const alice = emu.createUser({ username: 'alice' });
    emu.addMember(guildId, alice);
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.restBase } });
    clients.push(client);
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(emu.botToken);
    await ready;
    await client.application?.commands.set([{ name: 'slow', description: 'Too slow' }], guildId);
    const failure = new Promise<unknown>((resolve) =>
      client.on(Events.InteractionCreate, (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        setTimeout(() => void interaction.reply('late').then(resolve, resolve), 200);
      }),
    );
    const handle = emu.as(alice).runCommand(guildId, 'slow');
    expect(await failure).toMatchObject({ code: 10062 });
    await expect(handle.response(300)).rejects.toThrow(/no interaction callback.*10062|→ 404/);
  });
});
