import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ChatPlatform } from '../services/kernel/index.js';

/** What kind of interaction was handled. */
export type InteractionKind = 'command' | 'autocomplete' | 'button' | 'modal' | 'other';
/** How it ended: handled, refused with a short answer (a domain rule), or failed unexpectedly. */
export type InteractionOutcome = 'ok' | 'refused' | 'failed';

/**
 * The bot's Prometheus metrics, in a registry of its own. Everything is fed through the methods
 * below, called from hooks (the interaction router, the scheduler, the reminder outbox, the chat
 * platform and the REST client): counts, durations and times, never ids or text.
 */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly interactions = new Counter({
    name: 'circlekeeper_interactions_total',
    help: 'Interactions handled, by kind and outcome.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly interactionSeconds = new Histogram({
    name: 'circlekeeper_interaction_duration_seconds',
    help: 'Time from receiving an interaction to finishing with it.',
    labelNames: ['kind'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers: [this.registry],
  });
  private readonly reminders = new Counter({
    name: 'circlekeeper_reminders_total',
    help: 'Reminders settled by the outbox, by outcome (sent, failed, expired).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly claimLag = new Gauge({
    name: 'circlekeeper_reminder_claim_lag_seconds',
    help: 'Time between the due time of the last reminder posted and its posting.',
    registers: [this.registry],
  });
  private readonly repairs = new Counter({
    name: 'circlekeeper_channel_repairs_total',
    help: 'Rewrites of circle channel overwrites, by outcome (restored or failed).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly rateLimited = new Counter({
    name: 'circlekeeper_rest_rate_limited_total',
    help: 'REST responses from Discord with status 429.',
    registers: [this.registry],
  });

  constructor() {
    for (const outcome of ['sent', 'failed', 'expired']) this.reminders.inc({ outcome }, 0);
    for (const outcome of ['restored', 'failed']) this.repairs.inc({ outcome }, 0);
    this.rateLimited.inc(0);
  }

  /** One interaction finished. */
  interaction(kind: InteractionKind, outcome: InteractionOutcome, ms: number): void {
    this.interactions.inc({ kind, outcome });
    this.interactionSeconds.observe({ kind }, ms / 1000);
  }

  /** A scheduler step finished; the `reminders` step reports what the outbox settled. */
  schedulerStep(step: string, result: object): void {
    if (step !== 'reminders') return;
    const report = result as Partial<Record<'sent' | 'failed' | 'expired', number>>;
    for (const outcome of ['sent', 'failed', 'expired'] as const) {
      const count = report[outcome] ?? 0;
      if (count > 0) this.reminders.inc({ outcome }, count);
    }
  }

  /** A reminder due at `dueAt` was posted at `sentAt`. */
  reminderPosted(dueAt: Date, sentAt: Date): void {
    this.claimLag.set(Math.max(0, sentAt.getTime() - dueAt.getTime()) / 1000);
  }

  /** A REST response arrived with this status. */
  restResponse(status: number): void {
    if (status === 429) this.rateLimited.inc();
  }

  /** Counts channel repairs: every `rewriteChannel` of the platform, restored or failed. */
  observePlatform(platform: ChatPlatform): ChatPlatform {
    const rewrite = platform.rewriteChannel.bind(platform);
    platform.rewriteChannel = async (...args) => {
      try {
        const result = await rewrite(...args);
        this.repairs.inc({ outcome: result.status === 'as-written' ? 'restored' : 'failed' });
        return result;
      } catch (error) {
        this.repairs.inc({ outcome: 'failed' });
        throw error;
      }
    };
    return platform;
  }

  /** The metrics in Prometheus text format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
