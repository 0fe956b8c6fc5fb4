import type { TextChannel } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../../emulator/index.js';
import { type Harness, startHarness } from './helpers.js';

describe('global rate limit (50 requests per second)', () => {
  let h: Harness | undefined;
  let emu: DiscordEmulator | undefined;
  afterEach(async () => {
    await h?.close();
    await emu?.stop();
    h = undefined;
    emu = undefined;
  });

  it('answers over-limit requests with a global 429 and real headers', async () => {
    emu = await DiscordEmulator.start({ globalRateLimitPerSecond: 50 });
    const auth = { authorization: `Bot ${emu.botToken}` };
    const responses = await Promise.all(
      Array.from({ length: 60 }, () => fetch(`${emu?.restBase}/v10/users/@me`, { headers: auth })),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(10);
    const first = limited[0];
    expect(first?.headers.get('x-ratelimit-global')).toBe('true');
    expect(first?.headers.get('x-ratelimit-scope')).toBe('global');
    expect(Number(first?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await first?.json()) as { message: string; retry_after: number; global: boolean };
    expect(body).toMatchObject({ message: 'You are being rate limited.', global: true });
    expect(body.retry_after).toBeGreaterThan(0);
    expect(body.retry_after).toBeLessThanOrEqual(1);
    expect(emu.rateLimitedCount).toBe(10);
  });

  it('lets discord.js post 200 messages to 200 channels in about 4 s', async ({ annotate }) => {
    let guildId = '';
    h = await startHarness(
      (e) => {
        guildId = e.createGuild({ name: 'Big clinic' }).id;
        for (let i = 0; i < 200; i += 1) e.createChannel(guildId, { name: `circle-${i}` });
      },
      { globalRateLimitPerSecond: 50 },
    );
    const channels = [...h.client.channels.cache.values()].filter(
      (c): c is TextChannel => 'guildId' in c && c.guildId === guildId && c.isTextBased(),
    );
    expect(channels).toHaveLength(200);
    const before = h.emu.rateLimitedCount;
    const started = Date.now();
    const sent = await Promise.all(channels.map((c, i) => c.send(`Reminder ${i}`)));
    const elapsed = Date.now() - started;
    const limited = h.emu.rateLimitedCount - before;
    await annotate(`200 messages in ${elapsed} ms, ${limited} global 429s`);
    expect(sent).toHaveLength(200);
    expect(channels.every((c) => h?.emu.messages(c.id).length === 1)).toBe(true);
    // The limit holds them back (200 at 50/s take about 4 s); a busy machine only makes it slower.
    expect(elapsed).toBeGreaterThanOrEqual(3000);
    // discord.js waits out the global limit instead of retrying blindly: a 429 costs it a retry, so
    // most messages go through at the first try even when timers run late on a loaded machine.
    expect(limited).toBeLessThan(100);
    expect(h.emu.serverErrors).toEqual([]);
  }, 30_000);
});
