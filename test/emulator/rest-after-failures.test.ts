import { Client, Events, GatewayIntentBits, type TextChannel } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../../emulator/index.js';
import { type Harness, startHarness } from './helpers.js';

const MESSAGES = /\/channels\/\d+\/messages$/;

describe('failures after the work is done, delays, member look-ups', () => {
  let h: Harness | undefined;
  let emu: DiscordEmulator | undefined;
  const extra: Client[] = [];
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((c) => c.destroy()));
    await h?.close();
    await emu?.stop();
    h = undefined;
    emu = undefined;
  });

  let guildId = '';
  let alice = '';
  const world = (e: DiscordEmulator) => {
    guildId = e.createGuild({ name: 'Clinic' }).id;
    alice = e.createUser({ username: 'alice' });
    e.addMember(guildId, alice);
    e.createChannel(guildId, { name: 'general' });
  };
  const general = (client: Client) =>
    client.channels.cache.find((c) => 'name' in c && c.name === 'general') as TextChannel;
  const messagePosts = (harness: Harness) =>
    harness.emu.requests.filter((r) => r.route === '/channels/:channel/messages' && r.method === 'POST');

  it.each([500, 502, 503, 429] as const)(
    'a lost %i answer makes discord.js retry; enforce_nonce returns the same message',
    async (status) => {
      h = await startHarness(world);
      const injected = h.emu.injectFailures({
        method: 'POST',
        path: MESSAGES,
        status,
        after: true,
        retryAfterSeconds: 0.05,
      });
      const channel = general(h.client);
      const sent = await channel.send({ content: 'Circle at 6', nonce: 'circle-6', enforceNonce: true });
      expect(injected.served).toBe(1);
      const stored = h.emu.messages(channel.id);
      expect(stored.map((m) => [m.id, m.content, m.nonce])).toEqual([[sent.id, 'Circle at 6', 'circle-6']]);
      expect(messagePosts(h).map((r) => [r.status, r.injected])).toEqual([
        [status, 'after'],
        [200, undefined],
      ]);
    },
  );

  it('without a nonce the retried POST duplicates the message, as on Discord', async () => {
    h = await startHarness(world);
    h.emu.injectFailures({ method: 'POST', path: MESSAGES, status: 500, after: true });
    const channel = general(h.client);
    await channel.send('Circle at 6');
    expect(h.emu.messages(channel.id).map((m) => m.content)).toEqual(['Circle at 6', 'Circle at 6']);
  });

  it('dedupes a nonce across two bot connections with the same token', async () => {
    h = await startHarness(world);
    const second = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: h.emu.restBase } });
    extra.push(second);
    await new Promise<void>((resolve, reject) => {
      second.once(Events.ClientReady, () => resolve());
      second.login(h?.emu.botToken).catch(reject);
    });
    expect(h.emu.connectedBots).toBe(2);
    const payload = { content: 'Reminder', nonce: 'reminder-1', enforceNonce: true };
    const [a, b] = await Promise.all([general(h.client).send(payload), general(second).send(payload)]);
    expect(a.id).toBe(b.id);
    expect(h.emu.messages(a.channelId)).toHaveLength(1);
  });

  it('delays responses, before or after the work', async () => {
    h = await startHarness(world);
    const channel = general(h.client);
    const delay = h.emu.injectDelay({ method: 'POST', path: MESSAGES, ms: 300 });
    let started = Date.now();
    await channel.send('slow');
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(delay).toMatchObject({ served: 1, remaining: 0 });

    h.emu.injectDelay({ method: 'POST', path: MESSAGES, ms: 300, after: true });
    started = Date.now();
    const pending = channel.send('stored before the answer');
    await h.emu.waitFor(() => h?.emu.messages(channel.id).length === 2, 250, 'message stored early');
    await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('a timed-out POST that Discord still processes is deduped by its nonce', async () => {
    h = await startHarness(world, {}, { rest: { timeout: 200, retries: 2 } });
    const channel = general(h.client);
    h.emu.injectDelay({ method: 'POST', path: MESSAGES, ms: 500 });
    const sent = await channel.send({ content: 'Once', nonce: 'once-1', enforceNonce: true });
    await new Promise((resolve) => setTimeout(resolve, 400));
    // The aborted first attempt was processed late and got the message of the retry.
    expect(h.emu.messages(channel.id).map((m) => m.id)).toEqual([sent.id]);
    expect(messagePosts(h)).toHaveLength(2);
  });

  it('answers 10007 for a removed member and counts member look-ups in the global limit', async () => {
    h = await startHarness(world);
    const guild = h.client.guilds.cache.get(guildId);
    expect((await guild?.members.fetch({ user: alice, force: true }))?.id).toBe(alice);
    h.emu.removeMember(guildId, alice);
    await expect(guild?.members.fetch({ user: alice, force: true })).rejects.toMatchObject({
      code: 10007,
      status: 404,
      message: 'Unknown Member',
    });

    emu = await DiscordEmulator.start({ globalRateLimitPerSecond: 3 });
    const g = emu.createGuild({ name: 'Limits' });
    const url = `${emu.restBase}/v10/guilds/${g.id}/members/${g.ownerId}`;
    const auth = { authorization: `Bot ${emu.botToken}` };
    const statuses = await Promise.all(
      Array.from({ length: 5 }, async () => (await fetch(url, { headers: auth })).status),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    expect(emu.rateLimitStats).toEqual({ global: 2, route: 0, injected: 0 });
  });
});
