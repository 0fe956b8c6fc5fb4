import { PermissionFlagsBits as P, type TextChannel } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../../emulator/index.js';
import { type Harness, startHarness } from './helpers.js';

describe('REST failures, rate limits and errors', () => {
  let h: Harness | undefined;
  let emu: DiscordEmulator | undefined;
  afterEach(async () => {
    await h?.close();
    await emu?.stop();
    h = undefined;
    emu = undefined;
  });

  const world = (e: DiscordEmulator) => {
    const guildId = e.createGuild({ name: 'Clinic' }).id;
    e.createChannel(guildId, { name: 'general' });
  };
  const general = (harness: Harness) =>
    harness.client.channels.cache.find((c) => 'name' in c && c.name === 'general') as TextChannel;

  it('discord.js retries an injected 500 and succeeds', async () => {
    h = await startHarness(world);
    const injected = h.emu.injectFailures({
      method: 'POST',
      path: /\/channels\/\d+\/messages$/,
      status: 500,
    });
    const message = await general(h).send('hello');
    expect(message.content).toBe('hello');
    expect(injected.served).toBe(1);
    const statuses = h.emu.requests
      .filter((r) => r.route === '/channels/:channel/messages')
      .map((r) => r.status);
    expect(statuses).toEqual([500, 200]);
  });

  it('discord.js waits out an injected 429 and succeeds', async () => {
    h = await startHarness(world);
    h.emu.injectFailures({ path: /\/messages$/, status: 429, retryAfterSeconds: 0.2, times: 2 });
    const started = Date.now();
    await general(h).send('after the storm');
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    const statuses = h.emu.requests
      .filter((r) => r.route === '/channels/:channel/messages')
      .map((r) => r.status);
    expect(statuses).toEqual([429, 429, 200]);
    expect(h.emu.messages(general(h).id)).toHaveLength(1);
  });

  it('answers the global limit with 429 and Discord headers, and discord.js recovers', async () => {
    emu = await DiscordEmulator.start({ globalRateLimitPerSecond: 3 });
    const auth = { authorization: `Bot ${emu.botToken}` };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => fetch(`${emu?.restBase}/v10/users/@me`, { headers: auth })),
    );
    const limited = responses.find((r) => r.status === 429);
    expect(limited).toBeDefined();
    expect(limited?.headers.get('x-ratelimit-global')).toBe('true');
    expect(limited?.headers.get('x-ratelimit-scope')).toBe('global');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited?.json()).toMatchObject({ global: true, message: 'You are being rate limited.' });
    expect(responses[0]?.headers.get('x-ratelimit-bucket')).toBeTruthy();
    await emu.stop();
    emu = undefined;

    h = await startHarness(world, { globalRateLimitPerSecond: 4 });
    const channel = general(h);
    const sent = await Promise.all(Array.from({ length: 8 }, (_, i) => channel.send(`msg ${i}`)));
    expect(sent).toHaveLength(8);
    expect(h.emu.messages(channel.id)).toHaveLength(8);
    expect(h.emu.requests.some((r) => r.status === 429)).toBe(true);
  });

  it('requires the bot token and answers unknown routes with 404', async () => {
    emu = await DiscordEmulator.start();
    const noAuth = await fetch(`${emu.restBase}/v10/users/@me`);
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toMatchObject({ code: 0, message: '401: Unauthorized' });
    const unknown = await fetch(`${emu.restBase}/v10/nothing/here`, {
      headers: { authorization: `Bot ${emu.botToken}` },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: '404: Not Found', code: 0 });
    expect(emu.unknownRoutes).toEqual([{ method: 'GET', path: '/api/v10/nothing/here' }]);
  });

  it('fails a DM to a user with closed DMs with 50007', async () => {
    let closed = '';
    let open = '';
    h = await startHarness((e) => {
      const guildId = e.createGuild({ name: 'Clinic' }).id;
      closed = e.createUser({ username: 'closed', dmsOpen: false });
      open = e.createUser({ username: 'open' });
      e.addMember(guildId, closed);
      e.addMember(guildId, open);
    });
    const closedUser = await h.client.users.fetch(closed);
    await expect(closedUser.send('hi')).rejects.toMatchObject({ code: 50007, status: 403 });
    const openUser = await h.client.users.fetch(open);
    await openUser.send('Your circle starts soon');
    expect(h.emu.dmMessages(open).map((m) => m.content)).toEqual(['Your circle starts soon']);
  });

  it('hides channels the bot cannot view (50001) and refuses sends without Send Messages (50013)', async () => {
    let hidden = '';
    let readOnly = '';
    h = await startHarness((e) => {
      const g = e.createGuild({ name: 'Clinic' });
      hidden = e.createChannel(g.id, {
        name: 'hidden',
        overwrites: [{ id: g.botRoleId, type: 0, deny: P.ViewChannel }],
      });
      readOnly = e.createChannel(g.id, {
        name: 'read-only',
        overwrites: [{ id: g.botRoleId, type: 0, deny: P.SendMessages }],
      });
    });
    await expect(
      h.client.rest.post(`/channels/${hidden}/messages`, { body: { content: 'x' } }),
    ).rejects.toMatchObject({ code: 50001 });
    await expect(
      h.client.rest.post(`/channels/${readOnly}/messages`, { body: { content: 'x' } }),
    ).rejects.toMatchObject({ code: 50013 });
    await expect(h.client.rest.get('/channels/123')).rejects.toMatchObject({ code: 10003 });
  });
});
