/**
 * Retention: each server's policy (set in `/setup`, defaults otherwise), and the daily purge that
 * deletes what is past it. The purge runs at most once a day per process; each of its statements is
 * idempotent, so several processes purging at once delete each row once. It logs counts only.
 */
import type { GuildSettings, ServiceDeps } from '../kernel/index.js';
import { RETENTION_DEFAULTS, RETENTION_KINDS, type RetentionKind } from './model.js';

const DAY_MS = 86_400_000;

/** A server's retention, in years, by kind. */
export type RetentionPolicy = Record<RetentionKind, number>;

/** The policy of a server's settings over the defaults. */
export function policyOf(settings: GuildSettings | null, defaults: RetentionPolicy): RetentionPolicy {
  return {
    attendance: settings?.keepAttendanceYears ?? defaults.attendance,
    audit: settings?.keepAuditYears ?? defaults.audit,
    'ended-memberships': settings?.keepEndedMembershipYears ?? defaults['ended-memberships'],
  };
}

/** The instant `years` calendar years before `now`. */
function yearsBefore(now: Date, years: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

export class RetentionService {
  private lastRun: number | null = null;
  readonly defaults: RetentionPolicy;

  constructor(
    private readonly deps: ServiceDeps,
    defaults: Partial<RetentionPolicy> = {},
  ) {
    this.defaults = { ...RETENTION_DEFAULTS, ...defaults };
  }

  /** A server's policy. */
  async policy(guildId: string): Promise<RetentionPolicy> {
    return policyOf(await this.deps.store.guilds.get(guildId), this.defaults);
  }

  /**
   * Purges every server's rows past its policy, at most once a day (`force` runs it now). Returns
   * how many rows went, by model.
   */
  async purgeDue(force = false): Promise<Record<string, number>> {
    const { store, clock } = this.deps;
    const now = clock.now();
    if (!force && this.lastRun !== null && now.getTime() - this.lastRun < DAY_MS) return {};
    this.lastRun = now.getTime();
    const totals: Record<string, number> = {};
    for (const guildId of await store.personalData.guildIds()) {
      const policy = await this.policy(guildId);
      const cutoffs = Object.fromEntries(
        RETENTION_KINDS.map((kind) => [kind, yearsBefore(now, policy[kind])]),
      ) as Record<RetentionKind, Date>;
      for (const [model, count] of Object.entries(await store.personalData.purge(guildId, cutoffs))) {
        if (count) totals[model] = (totals[model] ?? 0) + count;
      }
    }
    return totals;
  }
}
