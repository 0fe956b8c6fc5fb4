import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('fills defaults around the token', () => {
    const config = loadConfig({ DISCORD_TOKEN: 'abc' });
    expect(config).toMatchObject({
      DATABASE_URL: 'file:./data/circlekeeper.db',
      DISCORD_API_BASE: 'https://discord.com/api',
      LOG_LEVEL: 'info',
      ATTENDANCE_RETENTION_YEARS: 4,
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
      { DISCORD_TOKEN: 'abc', ATTENDANCE_RETENTION_YEARS: '0' },
      'ATTENDANCE_RETENTION_YEARS is missing or malformed: expected a whole number of years from 1 to 30.',
    ],
    [
      { DISCORD_TOKEN: 'abc', ATTENDANCE_RETENTION_YEARS: 'four' },
      'ATTENDANCE_RETENTION_YEARS is missing or malformed: expected a whole number of years from 1 to 30.',
    ],
    [
      { DISCORD_TOKEN: 'abc', ATTENDANCE_RETENTION_YEARS: '2.5' },
      'ATTENDANCE_RETENTION_YEARS is missing or malformed: expected a whole number of years from 1 to 30.',
    ],
    [
      { DISCORD_TOKEN: 'abc', DISCORD_API_BASE: 'not a url' },
      'DISCORD_API_BASE is missing or malformed: expected an http(s) URL such as https://discord.com/api.',
    ],
  ])('stops with one line naming the variable (%o)', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('reads the retention period in years', () => {
    expect(
      loadConfig({ DISCORD_TOKEN: 'abc', ATTENDANCE_RETENTION_YEARS: '7' }).ATTENDANCE_RETENTION_YEARS,
    ).toBe(7);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DISCORD_TOKEN: 'abc', DEV_GUILD_ID: '' }).DEV_GUILD_ID).toBeUndefined();
  });
});
