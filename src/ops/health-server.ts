import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotMetrics } from './metrics.js';

/** How long the database check may take before the bot counts as unhealthy. */
const DATABASE_TIMEOUT_MS = 2_000;

export interface HealthChecks {
  /** Whether the Discord gateway session is ready. */
  gatewayReady(): boolean;
  /** A trivial query; rejects when the database does not answer. */
  pingDatabase(): Promise<unknown>;
}

export interface HealthServer {
  /** The port listened on (useful when started on port 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * The operator's endpoint: `GET /healthz` answers 200 `{"gateway":"ready","database":"ok"}` when
 * both are well and 503 with what is wrong otherwise; `GET /metrics` answers the Prometheus text.
 */
export async function startHealthServer(
  port: number,
  checks: HealthChecks,
  metrics: BotMetrics,
  host?: string,
): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (path === '/healthz') {
      void health(checks).then(({ healthy, body }) =>
        response
          .writeHead(healthy ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
          .end(JSON.stringify(body)),
      );
    } else if (path === '/metrics') {
      void metrics.text().then(
        (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
    } else {
      response.writeHead(404).end();
    }
  });
  server.listen(port, host);
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function health(checks: HealthChecks) {
  const gateway = checks.gatewayReady() ? 'ready' : 'not-ready';
  let timer: NodeJS.Timeout | undefined;
  const database = await Promise.race([
    checks.pingDatabase().then(() => 'ok'),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), DATABASE_TIMEOUT_MS))),
  ]).catch(() => 'error');
  clearTimeout(timer);
  return { healthy: gateway === 'ready' && database === 'ok', body: { gateway, database } };
}
