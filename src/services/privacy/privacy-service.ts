/**
 * A member's privacy rights on one server: a copy of everything stored about them (`/privacy export`)
 * and erasure (`/privacy forget`). Forgetting happens in the database first, in one transaction: the
 * member leaves every circle as when leaving, their own rows go, and rows that stay (audit events,
 * agreements and schedules they wrote) keep only a one-way pseudonym. Discord comes after: their
 * channel overwrites are removed, and what Discord refuses the channel sweep removes later, since
 * nobody is left on the roster to justify them.
 */
import { createHash } from 'node:crypto';
import { auditCircle, postModLog, recordAudit } from '../audit/index.js';
import { type Circle, CURRENT_STATUSES } from '../circles/index.js';
import type { Actor, ServiceDeps } from '../kernel/index.js';
import { leaveWithin, notifyPromoted, revokeAccess } from '../membership/index.js';
import type { ForgetCounts, PersonalRecords, Subject } from './model.js';

/** The pseudonym of a person on a server: a hash that cannot be turned back into their id. */
export function pseudonymOf(guildId: string, userId: string): string {
  return `forgotten-${createHash('sha256').update(`circlekeeper:${guildId}:${userId}`).digest('hex').slice(0, 20)}`;
}

const subjectOf = (actor: Actor): Subject => ({
  guildId: actor.guildId,
  userId: actor.userId,
  pseudonym: pseudonymOf(actor.guildId, actor.userId),
});

/** What a summary calls each model's rows, singular and plural. */
const WORDS: Record<string, [string, string]> = {
  Membership: ['membership (current or past)', 'memberships (current or past)'],
  AgreementAcceptance: ['agreement accepted', 'agreements accepted'],
  Attendance: ['attendance record', 'attendance records'],
  Certificate: ['certificate issued', 'certificates issued'],
  CaseRequest: ['case request', 'case requests'],
  PoolMember: ['place in a facilitator pool', 'places in facilitator pools'],
  AwayPeriod: ['period of time away', 'periods of time away'],
  DutySwap: ['duty swap', 'duty swaps'],
  Meeting: ['meeting facilitated or due to be', 'meetings facilitated or due to be'],
  Circle: ['circle led', 'circles led'],
  Agreement: ['agreement version written', 'agreement versions written'],
  Schedule: ['schedule set', 'schedules set'],
  AuditEvent: ['audit event naming you', 'audit events naming you'],
};

/** One line per kind of record that exists, e.g. `3 attendance records`. */
export function summaryLines(counts: Record<string, number>): string[] {
  return Object.entries(WORDS).flatMap(([model, [one, many]]) => {
    const count = counts[model] ?? 0;
    return count ? [`${count} ${count === 1 ? one : many}`] : [];
  });
}

export interface PersonalExport {
  /** Everything stored, by model; empty when nothing is. */
  records: PersonalRecords;
  /** How many rows of each model. */
  counts: Record<string, number>;
  total: number;
  exportedAt: Date;
}

export interface ForgetPreview {
  /** Circles the member is in (or waiting for) now, and those they lead. */
  circles: Circle[];
  leads: Circle[];
  /** Circles of theirs with a meeting under way now. */
  inMeeting: Circle[];
  counts: Record<string, number>;
  total: number;
}

export interface Forgotten {
  /** Rows deleted or pseudonymised, by model. */
  counts: ForgetCounts;
  /** Circles left, and those of them left without a designated leader. */
  left: Circle[];
  leaderless: Circle[];
  /** Whether Discord confirmed removing every channel overwrite now. */
  accessRemoved: boolean;
}

export class PrivacyService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Everything stored about the caller on this server, with the text of their open case requests. */
  async export(actor: Actor): Promise<PersonalExport> {
    const { store } = this.deps;
    const subject = subjectOf(actor);
    const records = await store.personalData.export(subject);
    // Case text is read through the cases repository, which alone knows how it is stored.
    const own = records['CaseRequest'] ?? [];
    const texts = new Map<string, { label: string | null; question: string | null }>();
    const memberships = await store.memberships.listByUser(actor.guildId, actor.userId, [
      ...CURRENT_STATUSES,
      'left',
    ]);
    for (const { circle } of memberships) {
      for (const request of await store.cases.listByCircle(circle.id, ['open', 'presenting'])) {
        if (request.userId === actor.userId)
          texts.set(request.id, { label: request.label, question: request.question });
      }
    }
    records['CaseRequest'] = own.map((row) => ({ ...row, ...texts.get(String(row['id'])) }));
    const counts = Object.fromEntries(Object.entries(records).map(([model, rows]) => [model, rows.length]));
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    return { records, counts, total, exportedAt: this.deps.clock.now() };
  }

  /** What a forget would remove, to show before the caller confirms. */
  async preview(actor: Actor): Promise<ForgetPreview> {
    const { store, clock } = this.deps;
    const { counts, total } = await this.export(actor);
    const circles = (await store.memberships.listByUser(actor.guildId, actor.userId, CURRENT_STATUSES)).map(
      (m) => m.circle,
    );
    const leads = circles.filter((c) => c.leaderId === actor.userId || c.coLeaderId === actor.userId);
    const now = clock.now();
    const inMeeting: Circle[] = [];
    for (const circle of circles) {
      const [meeting] = await store.meetings.listUpcoming(circle.id, now, {
        statuses: ['scheduled'],
        limit: 1,
      });
      if (meeting && meeting.startsAt.getTime() - 15 * 60_000 <= now.getTime()) inMeeting.push(circle);
    }
    return { circles, leads, inMeeting, counts, total };
  }

  /**
   * Forgets the caller on this server. Idempotent: a second run finds nothing and changes nothing;
   * a run interrupted before its transaction committed left nothing half-done.
   */
  async forget(actor: Actor): Promise<Forgotten> {
    const { store, clock } = this.deps;
    const subject = subjectOf(actor);
    const now = clock.now();
    const current = await store.memberships.listByUser(actor.guildId, actor.userId, CURRENT_STATUSES);
    const { counts, left, leaderless, promoted } = await store.transaction(async (tx) => {
      const left: { circle: Circle; wasActive: boolean }[] = [];
      const leaderless: Circle[] = [];
      const promoted: { circle: Circle; userIds: string[] }[] = [];
      for (const { circle: known } of current) {
        const circle = (await tx.circles.findById(known.id)) ?? known;
        const membership = await tx.memberships.find(circle.id, actor.userId);
        if (!membership || !CURRENT_STATUSES.includes(membership.status)) continue;
        const wasLeader = circle.leaderId === actor.userId;
        const result = await leaveWithin(
          tx,
          circle,
          actor.userId,
          subject.pseudonym,
          'member.forgotten',
          now,
        );
        left.push({ circle, wasActive: result.previous === 'active' });
        if (wasLeader) leaderless.push(circle);
        if (result.promoted.length) promoted.push({ circle, userIds: result.promoted });
      }
      const counts = await tx.personalData.forget(subject);
      const changed = Object.values(counts).reduce((sum, n) => sum + n, 0);
      if (changed > 0 || left.length > 0) {
        await recordAudit(tx, {
          guildId: actor.guildId,
          circleId: null,
          actorId: subject.pseudonym,
          action: 'privacy.forgotten',
          at: now,
          detail: { circles: left.length, rows: changed },
        });
      }
      return { counts, left, leaderless, promoted };
    });
    let accessRemoved = true;
    for (const { circle, wasActive } of left) {
      if (wasActive && !(await revokeAccess(this.deps, circle, actor.userId, { named: false }))) {
        accessRemoved = false;
      }
    }
    for (const { circle, userIds } of promoted) await notifyPromoted(this.deps, circle, userIds);
    // A forgotten leader is no longer named on a public open call.
    for (const { circle } of left) await this.deps.changes?.circleChanged(circle.id);
    for (const circle of leaderless) {
      await auditCircle(store, circle, 'bot', 'circle.leader-forgotten', clock.now());
      await postModLog(
        this.deps,
        circle.guildId,
        `⚠️ Circle **${circle.name}** has no designated leader any more: its leader asked to be forgotten. Choose a new one with \`/circle-admin settings\`.`,
      );
    }
    return { counts, left: left.map((l) => l.circle), leaderless, accessRemoved };
  }
}
