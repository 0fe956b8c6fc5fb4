import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/** Why an env file named by `ENV_FILE` could not be read. */
export class EnvFileError extends Error {
  override name = 'EnvFileError';
}

/**
 * Reads `.env` (or the file named by `ENV_FILE`) into `env` when it exists, with Node's own
 * parser (the one behind `process.loadEnvFile`). A variable already set in the environment wins
 * over the file, even when it is set to an empty string: the file only fills in what is unset.
 * A missing `.env` is not an error; a missing `ENV_FILE` is. Relative paths start from `dir` (the
 * working directory). Returns the path read, or null.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, dir = process.cwd()): string | null {
  const named = env.ENV_FILE?.trim();
  const path = resolve(dir, named || '.env');
  if (!existsSync(path)) {
    if (named) throw new EnvFileError(`ENV_FILE names ${named}, which does not exist.`);
    return null;
  }
  const values = parseEnv(readFileSync(path, 'utf8'));
  for (const [key, value] of Object.entries(values)) {
    if (env[key] === undefined) env[key] = value;
  }
  return path;
}
