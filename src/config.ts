import { z } from 'zod';
import { DATA_KEY_FORMAT, parseDataKey } from './db/encryption/data-keys.js';

const snowflake = z.string().regex(/^\d{17,20}$/, 'a Discord id (17 to 20 digits)');

const dataKey = z.string().transform((value, ctx) => {
  const key = parseDataKey(value);
  if (key === null) {
    ctx.addIssue({ code: 'custom', message: `a data key: ${DATA_KEY_FORMAT}` });
    return z.NEVER;
  }
  return key;
});

const previousDataKeys = z.string().transform((value, ctx) => {
  const keys = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseDataKey);
  if (keys.some((key) => key === null)) {
    ctx.addIssue({ code: 'custom', message: `data keys separated by commas, each ${DATA_KEY_FORMAT}` });
    return z.NEVER;
  }
  return keys as Buffer[];
});

/** What opening the database needs: where it is and the keys of its case text. */
const databaseSchema = z.object({
  DATABASE_URL: z
    .string()
    .default('file:./data/circlekeeper.db')
    .refine(
      (value) => /^(file:|postgres(ql)?:\/\/)/.test(value),
      'a file: path (SQLite) or a postgresql:// URL',
    ),
  DATA_KEY: dataKey.optional(),
  DATA_KEY_PREVIOUS: previousDataKeys.default([]),
  /** Connections each process keeps to PostgreSQL (SQLite has one). */
  DATABASE_POOL_SIZE: z.coerce
    .number('a whole number of connections from 1 to 100')
    .int('a whole number of connections from 1 to 100')
    .min(1, 'a whole number of connections from 1 to 100')
    .max(100, 'a whole number of connections from 1 to 100')
    .default(10),
});

const SHARD_COUNT_EXPECTED = 'a whole number of shards, 1 or more';
const SHARD_LIST_EXPECTED = 'shard ids separated by commas, such as 0,1';

const shardList = z.string().transform((value, ctx) => {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part))) {
    ctx.addIssue({ code: 'custom', message: SHARD_LIST_EXPECTED });
    return z.NEVER;
  }
  const ids = parts.map(Number);
  if (new Set(ids).size !== ids.length) {
    ctx.addIssue({ code: 'custom', message: `${SHARD_LIST_EXPECTED}, each once` });
    return z.NEVER;
  }
  return ids;
});

const baseSchema = databaseSchema.extend({
  DISCORD_TOKEN: z.string().min(1, 'the bot token from the Discord developer portal'),
  DISCORD_API_BASE: z
    .url('an http(s) URL such as https://discord.com/api')
    .default('https://discord.com/api'),
  DEV_GUILD_ID: snowflake.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json'], 'pretty or json').optional(),
  HEALTH_PORT: z.coerce
    .number('a port number from 1 to 65535')
    .int('a port number from 1 to 65535')
    .min(1, 'a port number from 1 to 65535')
    .max(65535, 'a port number from 1 to 65535')
    .optional(),
  ATTENDANCE_RETENTION_YEARS: z.coerce
    .number('a whole number of years from 1 to 30')
    .int('a whole number of years from 1 to 30')
    .min(1, 'a whole number of years from 1 to 30')
    .max(30, 'a whole number of years from 1 to 30')
    .default(4),
  /** The number of gateway shards of the whole bot; unset: the count Discord recommends. */
  SHARD_COUNT: z.coerce
    .number(SHARD_COUNT_EXPECTED)
    .int(SHARD_COUNT_EXPECTED)
    .min(1, SHARD_COUNT_EXPECTED)
    .optional(),
  /** The shards this process (or this launcher) holds; unset: all of them. Needs SHARD_COUNT. */
  SHARD_LIST: shardList.optional(),
});

const schema = baseSchema.superRefine((config, ctx) => {
  if (config.SHARD_LIST === undefined) return;
  if (config.SHARD_COUNT === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['SHARD_LIST'],
      message: 'SHARD_COUNT to be set as well (the number of shards of the whole bot)',
    });
  } else if (config.SHARD_LIST.some((id) => id >= config.SHARD_COUNT!)) {
    ctx.addIssue({
      code: 'custom',
      path: ['SHARD_LIST'],
      message: `shard ids from 0 to ${config.SHARD_COUNT - 1} (below SHARD_COUNT, ${config.SHARD_COUNT})`,
    });
  }
});

/** What the shared REST proxy (`npm run proxy`) needs. */
const proxySchema = z.object({
  DISCORD_TOKEN: z.string().min(1, 'the bot token from the Discord developer portal'),
  DISCORD_API_BASE: z
    .url('an http(s) URL such as https://discord.com/api')
    .default('https://discord.com/api'),
  PROXY_PORT: z.coerce
    .number('a TCP port from 1 to 65535')
    .int('a TCP port from 1 to 65535')
    .min(1, 'a TCP port from 1 to 65535')
    .max(65535, 'a TCP port from 1 to 65535')
    .default(8080),
  /**
   * The address the proxy listens on. Requests carry the bot's token: keep it on 127.0.0.1 unless
   * only trusted machines reach it (0.0.0.0 inside a container network).
   */
  PROXY_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof schema>;
export type ProxyConfig = z.infer<typeof proxySchema>;
/** The part of the configuration that the database tools (migration, key rotation) read. */
export type DatabaseConfig = z.infer<typeof databaseSchema>;

/** Thrown with one line naming the variable and what it expects (never the value). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration from an environment; empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return parse(schema, env);
}

/** Reads what opening the database needs (DATABASE_URL, DATA_KEY, DATA_KEY_PREVIOUS) from an environment. */
export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return parse(databaseSchema, env);
}

/** Reads what the REST proxy needs (DISCORD_TOKEN, DISCORD_API_BASE, PROXY_HOST, PROXY_PORT) from an environment. */
export function loadProxyConfig(env: NodeJS.ProcessEnv = process.env): ProxyConfig {
  return parse(proxySchema, env);
}

function parse<S extends z.ZodObject>(shape: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => key in shape.shape && value !== undefined && value.trim() !== '',
    ),
  );
  const parsed = shape.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const expected =
      issue?.code === 'invalid_type' ? describe(variable) : (issue?.message ?? 'a valid value');
    throw new ConfigError(`${variable} is missing or malformed: expected ${expected}.`);
  }
  return parsed.data;
}

function describe(variable: string): string {
  const descriptions: Record<string, string> = {
    DISCORD_TOKEN: 'the bot token from the Discord developer portal',
    ATTENDANCE_RETENTION_YEARS: 'a whole number of years from 1 to 30',
    HEALTH_PORT: 'a port number from 1 to 65535',
    DATABASE_POOL_SIZE: 'a whole number of connections from 1 to 100',
    SHARD_COUNT: SHARD_COUNT_EXPECTED,
  };
  return descriptions[variable] ?? 'a value';
}
