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
  Subject,
} from '../../services/privacy/index.js';
import type { Db } from '../prisma-client.js';

type Rows = Record<string, unknown>[];

/** A model that stores people's ids: how its rows are found, exported and forgotten. */
interface PersonalModel {
  /** Fields holding a person's Discord id. */
  person: readonly [string, ...string[]];
  /** Fields named like ids that do not name a person (rows, circles, servers, channels, roles, messages). */
  other: readonly string[];
  export(db: Db, subject: Subject): Promise<Rows>;
  /** Deletes the subject's rows, or replaces their id; returns how many rows changed. */
  forget(db: Db, subject: Subject): Promise<number>;
}

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
  Reminder: { person: [], other: ['id', 'meetingId', 'circleId', 'messageId', 'claimedBy'] },
  Circle: {
    person: ['leaderId', 'coLeaderId'],
    other: ['id', 'guildId', 'textChannelId', 'voiceChannelId'],
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
  Meeting: {
    person: ['facilitatorId', 'coFacilitatorId', 'turnOwnerId'],
    other: ['id', 'circleId', 'guildId', 'scheduledEventId'],
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
  Attendance: {
    person: ['userId'],
    other: ['meetingId', 'circleId'],
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
  PoolMember: {
    person: ['userId'],
    other: ['circleId'],
    export: (db, s) =>
      db.poolMember.findMany({ where: { ...inGuild(s), userId: s.userId }, include: circleName }),
    forget: async (db, s) =>
      (await db.poolMember.deleteMany({ where: { ...inGuild(s), userId: s.userId } })).count,
  },
  AwayPeriod: {
    person: ['userId'],
    other: ['id', 'circleId'],
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
}
