import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('fills defaults around the token', () => {
    const config = loadConfig({ DISCORD_TOKEN: 'abc' });
    expect(config).toMatchObject({
      DATABASE_URL: 'file:./data/circlekeeper.db',
      DISCORD_API_BASE: 'https://discord.com/api',
      LOG_LEVEL: 'info',
    });
    expect(config.DEV_GUILD_ID).toBeUndefined();
  });

  it.each([
    [{}, 'DISCORD_TOKEN is missing or malformed: expected the bot token from the Discord developer portal.'],
    [
      { DISCORD_TOKEN: 'abc', DATABASE_URL: 'mysql://x' },
      'DATABASE_URL is missing or malformed: expected a file: path (SQLite) or a postgresql:// URL.',
    ],
    [
      { DISCORD_TOKEN: 'abc', DEV_GUILD_ID: '12' },
      'DEV_GUILD_ID is missing or malformed: expected a Discord id (17 to 20 digits).',
    ],
    [
      { DISCORD_TOKEN: 'abc', DISCORD_API_BASE: 'not a url' },
      'DISCORD_API_BASE is missing or malformed: expected an http(s) URL such as https://discord.com/api.',
    ],
  ])('stops with one line naming the variable (%o)', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DISCORD_TOKEN: 'abc', DEV_GUILD_ID: '' }).DEV_GUILD_ID).toBeUndefined();
  });
});
