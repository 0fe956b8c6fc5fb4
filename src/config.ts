import { z } from 'zod';

const snowflake = z.string().regex(/^\d{17,20}$/, 'a Discord id (17 to 20 digits)');

const schema = z.object({
  DISCORD_TOKEN: z.string().min(1, 'the bot token from the Discord developer portal'),
  DATABASE_URL: z
    .string()
    .default('file:./data/circlekeeper.db')
    .refine(
      (value) => /^(file:|postgres(ql)?:\/\/)/.test(value),
      'a file: path (SQLite) or a postgresql:// URL',
    ),
  DISCORD_API_BASE: z
    .url('an http(s) URL such as https://discord.com/api')
    .default('https://discord.com/api'),
  DEV_GUILD_ID: snowflake.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ATTENDANCE_RETENTION_YEARS: z.coerce
    .number('a whole number of years from 1 to 30')
    .int('a whole number of years from 1 to 30')
    .min(1, 'a whole number of years from 1 to 30')
    .max(30, 'a whole number of years from 1 to 30')
    .default(4),
});

export type Config = z.infer<typeof schema>;

/** Thrown with one line naming the variable and what it expects. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration from an environment; empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => key in schema.shape && value !== undefined && value.trim() !== '',
    ),
  );
  const parsed = schema.safeParse(cleaned);
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
  };
  return descriptions[variable] ?? 'a value';
}
