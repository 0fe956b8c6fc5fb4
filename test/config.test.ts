import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDatabaseConfig } from '../src/config.js';
import { generateDataKey } from '../src/db/encryption/data-keys.js';

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
    expect(config.HEALTH_PORT).toBeUndefined();
    expect(loadConfig({ DISCORD_TOKEN: 'abc', HEALTH_PORT: '9464' }).HEALTH_PORT).toBe(9464);
    expect(config.DATABASE_POOL_SIZE).toBe(10);
    expect(loadConfig({ DISCORD_TOKEN: 'abc', DATABASE_POOL_SIZE: '25' }).DATABASE_POOL_SIZE).toBe(25);
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
      { DISCORD_TOKEN: 'abc', DATABASE_POOL_SIZE: '0' },
      'DATABASE_POOL_SIZE is missing or malformed: expected a whole number of connections from 1 to 100.',
    ],
    [
      { DISCORD_TOKEN: 'abc', DATABASE_POOL_SIZE: 'many' },
      'DATABASE_POOL_SIZE is missing or malformed: expected a whole number of connections from 1 to 100.',
    ],
    [
      { DISCORD_TOKEN: 'abc', HEALTH_PORT: '70000' },
      'HEALTH_PORT is missing or malformed: expected a port number from 1 to 65535.',
    ],
    [
      { DISCORD_TOKEN: 'abc', HEALTH_PORT: 'http' },
      'HEALTH_PORT is missing or malformed: expected a port number from 1 to 65535.',
    ],
    [
      { DISCORD_TOKEN: 'abc', LOG_FORMAT: 'xml' },
      'LOG_FORMAT is missing or malformed: expected pretty or json.',
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

  describe('shards', () => {
    it('leaves both unset by default, and reads a count with or without a list', () => {
      const config = loadConfig({ DISCORD_TOKEN: 'abc' });
      expect(config.SHARD_COUNT).toBeUndefined();
      expect(config.SHARD_LIST).toBeUndefined();
      expect(loadConfig({ DISCORD_TOKEN: 'abc', SHARD_COUNT: '4' })).toMatchObject({ SHARD_COUNT: 4 });
      expect(loadConfig({ DISCORD_TOKEN: 'abc', SHARD_COUNT: '4', SHARD_LIST: ' 2, 3' })).toMatchObject({
        SHARD_COUNT: 4,
        SHARD_LIST: [2, 3],
      });
      expect(loadConfig({ DISCORD_TOKEN: 'abc', SHARD_COUNT: '1', SHARD_LIST: '0' }).SHARD_LIST).toEqual([0]);
    });

    it.each([
      [
        { SHARD_COUNT: '0' },
        'SHARD_COUNT is missing or malformed: expected a whole number of shards, 1 or more.',
      ],
      [
        { SHARD_COUNT: '2.5' },
        'SHARD_COUNT is missing or malformed: expected a whole number of shards, 1 or more.',
      ],
      [
        { SHARD_COUNT: 'four' },
        'SHARD_COUNT is missing or malformed: expected a whole number of shards, 1 or more.',
      ],
      [
        { SHARD_LIST: '0,1' },
        'SHARD_LIST is missing or malformed: expected SHARD_COUNT to be set as well (the number of shards of the whole bot).',
      ],
      [
        { SHARD_COUNT: '4', SHARD_LIST: '0;1' },
        'SHARD_LIST is missing or malformed: expected shard ids separated by commas, such as 0,1.',
      ],
      [
        { SHARD_COUNT: '4', SHARD_LIST: '0,-1' },
        'SHARD_LIST is missing or malformed: expected shard ids separated by commas, such as 0,1.',
      ],
      [
        { SHARD_COUNT: '4', SHARD_LIST: '0,,1' },
        'SHARD_LIST is missing or malformed: expected shard ids separated by commas, such as 0,1.',
      ],
      [
        { SHARD_COUNT: '4', SHARD_LIST: '1,1' },
        'SHARD_LIST is missing or malformed: expected shard ids separated by commas, such as 0,1, each once.',
      ],
      [
        { SHARD_COUNT: '4', SHARD_LIST: '2,4' },
        'SHARD_LIST is missing or malformed: expected shard ids from 0 to 3 (below SHARD_COUNT, 4).',
      ],
    ])('stops with one line about the shards (%o)', (env, message) => {
      expect(() => loadConfig({ DISCORD_TOKEN: 'abc', ...env })).toThrow(new ConfigError(message));
    });
  });

  it('reads the retention period in years', () => {
    expect(
      loadConfig({ DISCORD_TOKEN: 'abc', ATTENDANCE_RETENTION_YEARS: '7' }).ATTENDANCE_RETENTION_YEARS,
    ).toBe(7);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DISCORD_TOKEN: 'abc', DEV_GUILD_ID: '' }).DEV_GUILD_ID).toBeUndefined();
  });

  describe('data keys', () => {
    const key = generateDataKey();
    const old = generateDataKey();

    it('reads DATA_KEY as base64 or hex, and DATA_KEY_PREVIOUS as a list separated by commas', () => {
      const config = loadConfig({
        DISCORD_TOKEN: 'abc',
        DATA_KEY: key.toString('base64'),
        DATA_KEY_PREVIOUS: ` ${old.toString('hex')} , ${key.toString('base64url')},`,
      });
      expect(config.DATA_KEY?.equals(key)).toBe(true);
      expect(config.DATA_KEY_PREVIOUS.map((k) => k.toString('hex'))).toEqual([
        old.toString('hex'),
        key.toString('hex'),
      ]);
    });

    it('leaves the key unset when DATA_KEY is absent or empty', () => {
      const config = loadConfig({ DISCORD_TOKEN: 'abc' });
      expect(config.DATA_KEY).toBeUndefined();
      expect(config.DATA_KEY_PREVIOUS).toEqual([]);
      expect(loadConfig({ DISCORD_TOKEN: 'abc', DATA_KEY: ' ' }).DATA_KEY).toBeUndefined();
    });

    it.each([
      ['a passphrase', 'my clinic secret 2026'],
      ['16 bytes', generateDataKey().subarray(0, 16).toString('base64')],
      ['63 hex digits', key.toString('hex').slice(1)],
    ])('stops on a DATA_KEY that is %s, without repeating it', (_what, value) => {
      const run = () => loadConfig({ DISCORD_TOKEN: 'abc', DATA_KEY: value });
      expect(run).toThrow(
        new ConfigError(
          'DATA_KEY is missing or malformed: expected a data key: 32 bytes as base64 (44 characters) or 64 hex digits.',
        ),
      );
    });

    it('stops on a DATA_KEY_PREVIOUS with one bad key, without repeating any', () => {
      const value = `${old.toString('base64')},not-a-key`;
      expect(() => loadConfig({ DISCORD_TOKEN: 'abc', DATA_KEY_PREVIOUS: value })).toThrow(
        new ConfigError(
          'DATA_KEY_PREVIOUS is missing or malformed: expected data keys separated by commas, each 32 bytes as ' +
            'base64 (44 characters) or 64 hex digits.',
        ),
      );
    });

    it('reads what the database tools need without a bot token', () => {
      const config = loadDatabaseConfig({
        DATABASE_URL: 'postgresql://db/ck',
        DATA_KEY: key.toString('hex'),
      });
      expect(config.DATABASE_URL).toBe('postgresql://db/ck');
      expect(config.DATA_KEY?.equals(key)).toBe(true);
      expect(() => loadDatabaseConfig({ DATA_KEY: 'short' })).toThrow(/^DATA_KEY is missing or malformed/);
    });
  });
});
