import { type Config, ConfigError, loadConfig } from './config.js';
import { EnvFileError, loadEnvFile } from './env-file.js';
import { chooseLogFormat, createLogger, type Logger } from './logger.js';

/**
 * What an entry point (the bot, the launcher) does first: reads `.env` (see `loadEnvFile`) and the
 * configuration, and builds the logger. A missing or malformed value ends the process with its
 * one-line message.
 */
export function startupConfig(): { config: Config; logger: Logger } {
  let config: Config;
  try {
    loadEnvFile();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EnvFileError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const format = chooseLogFormat(config.LOG_FORMAT, process.stdout.isTTY);
  return { config, logger: createLogger(config.LOG_LEVEL, undefined, format) };
}
