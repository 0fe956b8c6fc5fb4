/**
 * The personal-data seam over Prisma: for every model of the schema, which fields hold a person's
 * Discord id, and how the rows naming a person on one server are exported and forgotten. The table
 * is keyed by Prisma's model names, so a new model does not compile until it is declared here, and a
 * test reads `prisma/models.prisma` to check that every id field is declared as a person or not.
 */
import type { Prisma } from '../../generated/sqlite/client.js';
import type {
  ForgetCounts,
  PersonalDataRepository,
  PersonalRecords,
  PurgeCounts,
  RetentionKind,
  Subject,
} from '../../services/privacy/index.js';
import type { Db } from '../prisma-client.js';

type Rows = Record<string, unknown>[];

/**
 * How long a model's rows are kept: until the cutoff of a retention kind of the server's policy
 * (`purge` deletes a server's rows older than it), or only while current: such rows go when the
 * person leaves (a place in a pool, a circle's leader) or stay with their circle under a pseudonym
 * once forgotten (an agreement or schedule someone wrote).
 */
type Retention =
  | { retention: RetentionKind; purge(db: Db, guildId: string, cutoff: Date): Promise<number> }
  | { retention: 'while-current' };

/** A model that stores people's ids: how its rows are found, exported, forgotten and purged. */
type PersonalModel = Retention & {
  /** Fields holding a person's Discord id. */
  person: readonly [string, ...string[]];
  /** Fields named like ids that do not name a person (rows, circles, servers, channels, roles, messages). */
  other: readonly string[];
  export(db: Db, subject: Subject): Promise<Rows>;
  /** Deletes the subject's rows, or replaces their id; returns how many rows changed. */
  forget(db: Db, subject: Subject): Promise<number>;
};

/** A model that stores nobody's id. */
interface ImpersonalModel {
  person: readonly [];
  other: readonly string[];
}

const inGuild = (subject: Subject) => ({ circle: { guildId: subject.guildId } });
const circleName = { circle: { select: { name: true } } } as const;

/** Replaces `"<id>"` string values in an audit event's JSON detail by the pseudonym. */
function pseudonymiseDetail(detail: string, subject: Subject): string {
  return detail.split(JSON.stringify(subject.userId)).join(JSON.stringify(subject.pseudonym));
}

/** Every model of the schema, declared. */
export const PERSONAL_DATA = {
  GuildSettings: { person: [], other: ['guildId', 'moderatorRoleId', 'categoryId', 'modLogChannelId'] },
  KeyValue: { person: [], other: [] },
  Reminder: { person: [], other: ['id', 'meetingId', 'circleId', 'guildId', 'messageId', 'claimedBy'] },
  FollowUp: { person: [], other: ['id', 'meetingId', 'circleId', 'guildId', 'claimedBy'] },
  OpenCall: { person: [], other: ['id', 'circleId', 'guildId', 'channelId', 'messageId'] },
  Circle: {
    person: ['leaderId', 'coLeaderId'],
    other: ['id', 'guildId', 'textChannelId', 'voiceChannelId'],
    retention: 'while-current',
    export: (db, s) =>
      db.circle.findMany({
        where: { guildId: s.guildId, OR: [{ leaderId: s.userId }, { coLeaderId: s.userId }] },
        select: { id: true, name: true, leaderId: true, coLeaderId: true },
      }),
    async forget(db, s) {
      const led = await db.circle.updateMany({
        where: { guildId: s.guildId, leaderId: s.userId },
        data: { leaderId: null },
      });
      const coLed = await db.circle.updateMany({
        where: { guildId: s.guildId, coLeaderId: s.userId },
        data: { coLeaderId: null },
      });
      return led.count + coLed.count;
    },
  },
  Agreement: {
    person: ['createdBy'],
    other: ['circleId'],
    retention: 'while-current',
    export: (db, s) =>
      db.agreement.findMany({
        where: { ...inGuild(s), createdBy: s.userId },
        include: circleName,
        orderBy: [{ createdAt: 'asc' }, { version: 'asc' }],
      }),
    forget: async (db, s) =>
      (
        await db.agreement.updateMany({
          where: { ...inGuild(s), createdBy: s.userId },
          data: { createdBy: s.pseudonym },
        })
      ).count,
  },
  AgreementAcceptance: {
    person: ['userId'],
    other: ['id', 'circleId'],
    retention: 'ended-memberships',
    // The acceptances of memberships that ended before the cutoff (purged before the memberships).
    async purge(db, guildId, cutoff) {
      const ended = await db.membership.findMany({
        where: { circle: { guildId }, status: 'left', statusSince: { lt: cutoff } },
        select: { circleId: true, userId: true },
      });
      let count = 0;
      for (let i = 0; i < ended.length; i += 500) {
        const { count: deleted } = await db.agreementAcceptance.deleteMany({
          where: { OR: ended.slice(i, i + 500) },
        });
        count += deleted;
      }
      return count;
    },
    export: (db, s) =>
      db.agreementAcceptance.findMany({
        where: { userId: s.userId, agreement: inGuild(s) },
        include: { agreement: { select: { circle: { select: { name: true } } } } },
        orderBy: [{ acceptedAt: 'asc' }, { id: 'asc' }],
      }),
    forget: async (db, s) =>
      (await db.agreementAcceptance.deleteMany({ where: { userId: s.userId, agreement: inGuild(s) } })).count,
  },
  Membership: {
    person: ['userId'],
    other: ['id', 'circleId'],
    retention: 'ended-memberships',
    purge: async (db, guildId, cutoff) =>
      (
        await db.membership.deleteMany({
          where: { circle: { guildId }, status: 'left', statusSince: { lt: cutoff } },
        })
      ).count,
    export: (db, s) =>
      db.membership.findMany({
        where: { ...inGuild(s), userId: s.userId },
        include: circleName,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
    forget: async (db, s) =>
      (await db.membership.deleteMany({ where: { ...inGuild(s), userId: s.userId } })).count,
  },
  AuditEvent: {
    person: ['actorId'],
    other: ['id', 'guildId', 'circleId'],
    retention: 'audit',
    purge: async (db, guildId, cutoff) =>
      (await db.auditEvent.deleteMany({ where: { guildId, at: { lt: cutoff } } })).count,
    async export(db, s) {
      const rows = await db.auditEvent.findMany({
        where: {
          guildId: s.guildId,
          OR: [{ actorId: s.userId }, { detail: { contains: JSON.stringify(s.userId) } }],
        },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      });
      return rows.map(({ detail, ...row }) => ({ ...row, detail: JSON.parse(detail) as unknown }));
    },
    async forget(db, s) {
      const named = await db.auditEvent.findMany({
        where: { guildId: s.guildId, detail: { contains: JSON.stringify(s.userId) } },
        select: { id: true, detail: true },
      });
      for (const row of named) {
        await db.auditEvent.update({
          where: { id: row.id },
          data: { detail: pseudonymiseDetail(row.detail, s) },
        });
      }
      const acted = await db.auditEvent.updateMany({
        where: { guildId: s.guildId, actorId: s.userId },
        data: { actorId: s.pseudonym },
      });
      return acted.count + named.length;
    },
  },
  Schedule: {
    person: ['createdBy'],
    other: ['circleId'],
    retention: 'while-current',
    export: (db, s) =>
      db.schedule.findMany({ where: { ...inGuild(s), createdBy: s.userId }, include: circleName }),
    forget: async (db, s) =>
      (
        await db.schedule.updateMany({
          where: { ...inGuild(s), createdBy: s.userId },
          data: { createdBy: s.pseudonym },
        })
      ).count,
  },
  Attendance: {
    person: ['userId'],
    other: ['meetingId', 'circleId'],
    retention: 'attendance',
    purge: async (db, guildId, cutoff) =>
      (await db.attendance.deleteMany({ where: { meeting: { guildId, startsAt: { lt: cutoff } } } })).count,
    export: (db, s) =>
      db.attendance.findMany({
        where: { meeting: { guildId: s.guildId }, userId: s.userId },
        include: {
          meeting: { select: { startsAt: true, endsAt: true, circle: { select: { name: true } } } },
        },
        orderBy: [{ checkedInAt: 'asc' }, { meetingId: 'asc' }],
      }),
    forget: async (db, s) =>
      (await db.attendance.deleteMany({ where: { meeting: { guildId: s.guildId }, userId: s.userId } }))
        .count,
  },
  Certificate: {
    person: ['userId'],
    other: ['id', 'guildId', 'circleId'],
    retention: 'attendance',
    purge: async (db, guildId, cutoff) =>
      (await db.certificate.deleteMany({ where: { guildId, issuedAt: { lt: cutoff } } })).count,
    export: (db, s) =>
      db.certificate.findMany({
        where: { guildId: s.guildId, userId: s.userId },
        // The code's hash and the digest are the bot's means of checking, not data about the person.
        select: {
          id: true,
          fromDate: true,
          toDate: true,
          timeZone: true,
          meetings: true,
          quarters: true,
          issuedAt: true,
          ...circleName,
        },
        orderBy: [{ issuedAt: 'asc' }, { id: 'asc' }],
      }),
    forget: async (db, s) =>
      (await db.certificate.deleteMany({ where: { guildId: s.guildId, userId: s.userId } })).count,
  },
  CaseRequest: {
    person: ['userId'],
    other: ['id', 'circleId', 'meetingId'],
    retention: 'attendance',
    // Closed requests only (their text went when they closed); open ones stay in the queue.
    purge: async (db, guildId, cutoff) =>
      (await db.caseRequest.deleteMany({ where: { circle: { guildId }, closedAt: { lt: cutoff } } })).count,
    // The text of open requests is added by the privacy service through the cases repository.
    export: (db, s) =>
      db.caseRequest.findMany({
        where: { ...inGuild(s), userId: s.userId },
        select: {
          id: true,
          status: true,
          urgency: true,
          submittedAt: true,
          takenAt: true,
          closedAt: true,
          ...circleName,
        },
        orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      }),
    forget: async (db, s) =>
      (await db.caseRequest.deleteMany({ where: { ...inGuild(s), userId: s.userId } })).count,
  },
  DropIn: {
    person: ['userId'],
    other: ['id', 'meetingId', 'circleId', 'guildId'],
    retention: 'attendance',
    // Drop-ins of meetings that ended before the cutoff (before the meetings, which would take them along).
    purge: async (db, guildId, cutoff) =>
      (await db.dropIn.deleteMany({ where: { guildId, meeting: { endsAt: { lt: cutoff } } } })).count,
    export: (db, s) =>
      db.dropIn.findMany({
        where: { guildId: s.guildId, userId: s.userId },
        select: {
          id: true,
          status: true,
          acceptedVersion: true,
          createdAt: true,
          grantedAt: true,
          endedAt: true,
          meeting: { select: { startsAt: true, endsAt: true, circle: { select: { name: true } } } },
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
    forget: async (db, s) =>
      (await db.dropIn.deleteMany({ where: { guildId: s.guildId, userId: s.userId } })).count,
  },
  Meeting: {
    person: ['facilitatorId', 'coFacilitatorId', 'turnOwnerId'],
    other: ['id', 'circleId', 'guildId', 'scheduledEventId'],
    retention: 'attendance',
    // Meetings that ended before the cutoff go with their attendance and reminders.
    purge: async (db, guildId, cutoff) =>
      (await db.meeting.deleteMany({ where: { guildId, endsAt: { lt: cutoff } } })).count,
    export: (db, s) =>
      db.meeting.findMany({
        where: {
          guildId: s.guildId,
          OR: [{ facilitatorId: s.userId }, { coFacilitatorId: s.userId }, { turnOwnerId: s.userId }],
        },
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          status: true,
          facilitatorId: true,
          coFacilitatorId: true,
          turnOwnerId: true,
          ...circleName,
        },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      }),
    // A forgotten facilitator leaves no id on the meetings they led (the rotation no longer needs it).
    async forget(db, s) {
      let count = 0;
      for (const field of ['facilitatorId', 'coFacilitatorId', 'turnOwnerId'] as const) {
        const { count: changed } = await db.meeting.updateMany({
          where: { guildId: s.guildId, [field]: s.userId },
          data: { [field]: null },
        });
        count += changed;
      }
      return count;
    },
  },
  PoolMember: {
    person: ['userId'],
    other: ['circleId'],
    retention: 'while-current',
    export: (db, s) =>
      db.poolMember.findMany({ where: { ...inGuild(s), userId: s.userId }, include: circleName }),
    forget: async (db, s) =>
      (await db.poolMember.deleteMany({ where: { ...inGuild(s), userId: s.userId } })).count,
  },
  AwayPeriod: {
    person: ['userId'],
    other: ['id', 'circleId'],
    retention: 'ended-memberships',
    // Time away that ended before the cutoff (local dates compare as text).
    purge: async (db, guildId, cutoff) =>
      (
        await db.awayPeriod.deleteMany({
          where: { circle: { guildId }, toDate: { lt: cutoff.toISOString().slice(0, 10) } },
        })
      ).count,
    export: (db, s) =>
      db.awayPeriod.findMany({
        where: { ...inGuild(s), userId: s.userId },
        include: circleName,
        orderBy: [{ fromDate: 'asc' }, { id: 'asc' }],
      }),
    forget: async (db, s) =>
      (await db.awayPeriod.deleteMany({ where: { ...inGuild(s), userId: s.userId } })).count,
  },
  DutySwap: {
    person: ['requesterId', 'partnerId'],
    other: ['id', 'circleId', 'requesterMeetingId', 'partnerMeetingId'],
    retention: 'ended-memberships',
    purge: async (db, guildId, cutoff) =>
      (await db.dutySwap.deleteMany({ where: { circle: { guildId }, createdAt: { lt: cutoff } } })).count,
    export: (db, s) =>
      db.dutySwap.findMany({
        where: { ...inGuild(s), OR: [{ requesterId: s.userId }, { partnerId: s.userId }] },
        include: circleName,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
    forget: async (db, s) =>
      (
        await db.dutySwap.deleteMany({
          where: { ...inGuild(s), OR: [{ requesterId: s.userId }, { partnerId: s.userId }] },
        })
      ).count,
  },
} satisfies Record<Prisma.ModelName, PersonalModel | ImpersonalModel>;

const declared: Record<string, PersonalModel | ImpersonalModel> = PERSONAL_DATA;
const personal = Object.entries(declared).flatMap(([model, seam]) =>
  'export' in seam ? [[model, seam] as const] : [],
);

/** `PersonalDataRepository` over the declarations above. */
export class PrismaPersonalDataRepository implements PersonalDataRepository {
  constructor(private readonly db: Db) {}

  async export(subject: Subject): Promise<PersonalRecords> {
    const records: PersonalRecords = {};
    for (const [model, seam] of personal) records[model] = await seam.export(this.db, subject);
    return records;
  }

  async forget(subject: Subject): Promise<ForgetCounts> {
    const counts: ForgetCounts = {};
    for (const [model, seam] of personal) counts[model] = await seam.forget(this.db, subject);
    return counts;
  }

  /**
   * In the order of the table: acceptances before the memberships that lead to them, attendance
   * before the meetings it belongs to (whose deletion would take it along uncounted).
   */
  async purge(guildId: string, cutoffs: Record<RetentionKind, Date>): Promise<PurgeCounts> {
    const counts: PurgeCounts = {};
    for (const [model, seam] of personal) {
      if ('purge' in seam) counts[model] = await seam.purge(this.db, guildId, cutoffs[seam.retention]);
    }
    return counts;
  }

  async guildIds(): Promise<string[]> {
    const settings = await this.db.guildSettings.findMany({ select: { guildId: true } });
    const circles = await this.db.circle.findMany({ select: { guildId: true }, distinct: ['guildId'] });
    const events = await this.db.auditEvent.findMany({ select: { guildId: true }, distinct: ['guildId'] });
    return [...new Set([...settings, ...circles, ...events].map((row) => row.guildId))].sort();
  }
}
