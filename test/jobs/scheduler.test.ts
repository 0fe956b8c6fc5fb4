import { describe, expect, it } from 'vitest';
import { schedulerTick } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logger.js';
import type { Services } from '../../src/services/index.js';
import { CapturedLogs } from '../support/e2e.js';

/** Services whose scheduler steps only record that they ran. */
function recordingServices(ran: string[]): Services {
  const step = (name: string, result: object) => async () => {
    ran.push(name);
    return result;
  };
  return {
    schedules: { materialiseDue: step('materialise', 0 as unknown as object) },
    reminders: { tick: step('reminders', { sent: 0 }) },
    dropIns: { tick: step('drop-ins', { granted: 0 }) },
    cases: { closeEnded: step('cases', 0 as unknown as object) },
    attendance: { reviewEnded: step('standing', { reviewed: 0 }) },
    retention: { purgeDue: step('retention', { purged: 0 }) },
    openCalls: { reconcile: step('open-calls', { edited: 0 }) },
    events: { syncEnded: step('events', 0 as unknown as object), syncStale: async () => 0 },
  } as unknown as Services;
}

describe('the scheduler tick across processes', () => {
  const logger = createLogger('silent', new CapturedLogs());

  it('runs the reminders in every process and each periodic step only under its lock', async () => {
    const ran: string[] = [];
    const asked: string[] = [];
    await schedulerTick(recordingServices(ran), logger, {
      // Another process holds every lock.
      exclusive: async (name) => {
        asked.push(name);
        return false;
      },
    });
    expect(ran).toEqual(['reminders']);
    expect(asked).toEqual([
      'scheduler:materialise',
      'scheduler:drop-ins',
      'scheduler:cases',
      'scheduler:standing',
      'scheduler:retention',
      'scheduler:open-calls',
      'scheduler:events',
    ]);

    ran.length = 0;
    await schedulerTick(recordingServices(ran), logger, {
      exclusive: async (_name, work) => {
        await work();
        return true;
      },
    });
    expect(ran).toEqual([
      'materialise',
      'reminders',
      'drop-ins',
      'cases',
      'standing',
      'retention',
      'open-calls',
      'events',
    ]);
  });
});
