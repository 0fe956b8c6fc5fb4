import { startBot } from './bot.js';
import { ConfigError, loadConfig } from './config.js';
import { EnvFileError, loadEnvFile } from './env-file.js';
import { chooseLogFormat, createLogger } from './logger.js';
import { handleSignals } from './ops/shutdown.js';

async function main(): Promise<void> {
  let config;
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
  const logger = createLogger(
    config.LOG_LEVEL,
    undefined,
    chooseLogFormat(config.LOG_FORMAT, process.stdout.isTTY),
  );
  const bot = await startBot({ config, logger });
  handleSignals({ stop: () => bot.stop(), logger });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Circlekeeper could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
