import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { proxyRequests } from '@discordjs/proxy';
import { REST } from 'discord.js';

/** A running REST proxy. */
export interface RunningProxy {
  /** The port it listens on (useful when started on port 0). */
  port: number;
  /** What a process puts in DISCORD_API_BASE to send its requests through the proxy. */
  apiBase: string;
  /** How many requests it has answered. */
  readonly forwarded: number;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

/**
 * Starts `@discordjs/proxy` for one bot token: every process of the bot (each shard, the
 * workers) sends its REST requests here, and one rate-limit queue forwards them to Discord
 * (`apiBase`, default https://discord.com/api). Processes then share one budget instead of each
 * discovering the global limit with 429s. It listens on 127.0.0.1 unless `host` says otherwise:
 * requests carry the bot's token, so the port must not be reachable from outside.
 */
export async function startProxy(options: {
  token: string;
  apiBase?: string;
  port?: number;
  host?: string;
}): Promise<RunningProxy> {
  const rest = new REST({ api: options.apiBase ?? 'https://discord.com/api' }).setToken(options.token);
  const handle = proxyRequests(rest);
  let forwarded = 0;
  const server = createServer((req, res) => {
    res.once('finish', () => (forwarded += 1));
    // Answers from Discord (success or error) set their own status; a request that never reached
    // Discord (network failure) would otherwise end as an empty 200.
    res.statusCode = 502;
    Promise.resolve(handle(req, res)).catch(() => res.end());
  });
  const host = options.host ?? '127.0.0.1';
  server.listen(options.port ?? 8080, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    port,
    apiBase: `http://${host}:${port}/api`,
    get forwarded() {
      return forwarded;
    },
    async close() {
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      server.closeAllConnections();
      await closed;
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
  };
}
