import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer } from '../src/ops/health-server.js';
import { BotMetrics } from '../src/ops/metrics.js';
import type { ChatPlatform } from '../src/services/kernel/index.js';

describe('health and metrics endpoint', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers 200 when the gateway is ready and the database answers, 503 otherwise', async () => {
    const state = { ready: true, database: true };
    server = await startHealthServer(
      0,
      {
        gatewayReady: () => state.ready,
        pingDatabase: () => (state.database ? Promise.resolve() : Promise.reject(new Error('down'))),
      },
      new BotMetrics(),
      '127.0.0.1',
    );
    const url = `http://127.0.0.1:${server.port}/healthz`;
    let response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ gateway: 'ready', database: 'ok' });

    state.database = false;
    response = await fetch(url);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ gateway: 'ready', database: 'error' });

    state.ready = false;
    state.database = true;
    response = await fetch(url);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ gateway: 'not-ready', database: 'ok' });

    expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
  });

  it('serves what the hooks fed in, in Prometheus text format', async () => {
    const metrics = new BotMetrics();
    metrics.interaction('command', 'ok', 120);
    metrics.interaction('command', 'refused', 30);
    metrics.interaction('button', 'failed', 2500);
    metrics.schedulerStep('reminders', { expired: 1, sent: 3, retried: 1, failed: 2, cancelled: 0 });
    metrics.schedulerStep('cases', { closed: 4 });
    metrics.reminderPosted(new Date('2026-12-01T10:00:00Z'), new Date('2026-12-01T10:00:07.5Z'));
    metrics.restResponse(200);
    metrics.restResponse(429);
    const rewrites = [{ status: 'as-written' }, { status: 'forbidden' }];
    const platform = metrics.observePlatform({
      rewriteChannel: () => Promise.resolve(rewrites.shift()),
    } as unknown as ChatPlatform);
    await platform.rewriteChannel('1', {} as never, 'r');
    await platform.rewriteChannel('1', {} as never, 'r');

    server = await startHealthServer(
      0,
      { gatewayReady: () => true, pingDatabase: () => Promise.resolve() },
      metrics,
      '127.0.0.1',
    );
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    for (const line of [
      'circlekeeper_interactions_total{kind="command",outcome="ok"} 1',
      'circlekeeper_interactions_total{kind="command",outcome="refused"} 1',
      'circlekeeper_interactions_total{kind="button",outcome="failed"} 1',
      'circlekeeper_interaction_duration_seconds_bucket{le="0.25",kind="command"} 2',
      'circlekeeper_interaction_duration_seconds_count{kind="button"} 1',
      'circlekeeper_reminders_total{outcome="sent"} 3',
      'circlekeeper_reminders_total{outcome="failed"} 2',
      'circlekeeper_reminders_total{outcome="expired"} 1',
      'circlekeeper_reminder_claim_lag_seconds 7.5',
      'circlekeeper_channel_repairs_total{outcome="restored"} 1',
      'circlekeeper_channel_repairs_total{outcome="failed"} 1',
      'circlekeeper_rest_rate_limited_total 1',
    ]) {
      expect(text).toContain(line);
    }
  });
});
