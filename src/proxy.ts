/**
 * `npm run proxy` (`node dist/proxy.js` in the image): one REST proxy in front of Discord for the
 * token in DISCORD_TOKEN, on PROXY_HOST (default 127.0.0.1) and PROXY_PORT (default 8080). Point
 * every process's DISCORD_API_BASE at http://HOST:PORT/api.
 */
import { ConfigError, loadProxyConfig } from './config.js';
import { createLogger } from './logger.js';
import { startProxy } from './rest-proxy.js';

let config;
try {
  config = loadProxyConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
const logger = createLogger(config.LOG_LEVEL);
const proxy = await startProxy({
  token: config.DISCORD_TOKEN,
  apiBase: config.DISCORD_API_BASE,
  port: config.PROXY_PORT,
  host: config.PROXY_HOST,
});
logger.info({ port: proxy.port, apiBase: proxy.apiBase }, 'REST proxy ready');
const shutdown = (signal: string) => {
  logger.info({ signal }, 'shutting down');
  proxy.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
