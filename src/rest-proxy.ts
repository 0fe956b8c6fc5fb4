import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { proxyRequests } from '@discordjs/proxy';
import { DefaultRestOptions, REST } from 'discord.js';

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
  // @discordjs/rest counts its 50 requests a second in a fixed window that starts when it sends
  // the first; Discord's window starts when that request arrives. The tail of one window and the
  // head of the next then reach Discord within one second and the 51st gets a global 429. The
  // proxy sends no more than that in any second and a margin, counted when each request goes out.
  const pace = slidingWindowGate(GLOBAL_REQUESTS_PER_SECOND, 1000 + GLOBAL_WINDOW_MARGIN_MS);
  const rest = new REST({
    api: options.apiBase ?? 'https://discord.com/api',
    async makeRequest(url, init) {
      // Requests without the bot's token (interaction callbacks and follow-ups) do not count.
      if (new Headers(init.headers).has('authorization')) await pace();
      return DefaultRestOptions.makeRequest(url, init);
    },
  }).setToken(options.token);
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

/** Discord's global limit of a bot's requests. */
const GLOBAL_REQUESTS_PER_SECOND = 50;
/** How much longer than a second the proxy's window is: latency that varies by up to this is safe. */
const GLOBAL_WINDOW_MARGIN_MS = 100;

/**
 * Admits at most `limit` calls in any `windowMs`, in the order they asked, each counted when it is
 * admitted (a sliding window: no two windows' worth can land in one second of Discord's).
 */
export function slidingWindowGate(limit: number, windowMs: number): () => Promise<void> {
  const admitted: number[] = [];
  let queue = Promise.resolve();
  const admit = async () => {
    for (;;) {
      const now = Date.now();
      if (admitted.length < limit || now >= admitted[0]! + windowMs) {
        admitted.push(now);
        if (admitted.length > limit) admitted.shift();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, admitted[0]! + windowMs - now));
    }
  };
  return () => {
    const turn = queue.then(admit);
    queue = turn;
    return turn;
  };
}
