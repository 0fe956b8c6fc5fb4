/**
 * Rows of the generated client → domain types. Enum-like columns are plain strings in the
 * database (SQLite has no enums), so they are validated here.
 */
import {
  type Circle,
  CIRCLE_KINDS,
  circleNameKey,
  type EnrolmentState,
  EXPOSURES,
  FACILITATION_MODES,
} from '../../services/circles/index.js';
import type {
  Agreement as AgreementRow,
  Circle as CircleRow,
  GuildSettings as GuildSettingsRow,
  Membership as MembershipRow,
  AuditEvent as AuditEventRow,
} from '../../generated/sqlite/client.js';
import { type Agreement, type Membership, type MembershipStatus } from '../../services/membership/index.js';
import { type AuditEvent } from '../../services/audit/index.js';
import { type GuildSettings } from '../../services/kernel/index.js';

/** Every enrolment state; `satisfies` keeps the list in step with the type. */
export const ENROLMENT_STATES = Object.keys({ open: 1, locked: 1, archived: 1 } satisfies Record<
  EnrolmentState,
  1
>) as EnrolmentState[];
/** Every membership status. */
export const MEMBERSHIP_STATUSES = Object.keys({
  waitlisted: 1,
  pending: 1,
  active: 1,
  left: 1,
} satisfies Record<MembershipStatus, 1>) as MembershipStatus[];

/** Raised when a row holds a value the domain does not know (a bad write or a newer schema). */
export class CorruptRowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptRowError';
  }
}

/** Checks that `value` is one of `allowed` (enum-like string columns). */
export function oneOf<T extends string>(allowed: readonly T[], value: string, field: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CorruptRowError(`unexpected ${field} "${value}" (expected one of ${allowed.join(', ')})`);
}

/** The unique key of a circle name (see {@link circleNameKey}). */
export function nameKeyOf(name: string): string {
  return circleNameKey(name);
}

/** Maps a `circles` row. */
export function toCircle(row: CircleRow): Circle {
  return {
    id: row.id,
    guildId: row.guildId,
    name: row.name,
    kind: oneOf(CIRCLE_KINDS, row.kind, 'circle.kind'),
    capacity: row.capacity,
    state: oneOf(ENROLMENT_STATES, row.state, 'circle.state'),
    facilitation: oneOf(FACILITATION_MODES, row.facilitation, 'circle.facilitation'),
    textChannelId: row.textChannelId,
    voiceChannelId: row.voiceChannelId,
    agreementVersion: row.agreementVersion,
    leaderId: row.leaderId,
    coLeaderId: row.coLeaderId,
    reminderLeadMinutes: parseLeadMinutes(row.id, row.reminderLeadMinutes),
    reflectionPrompt: row.reflectionPrompt,
    createdAt: row.createdAt,
    archivedAt: row.archivedAt,
    exposure: row.exposure === null ? null : oneOf(EXPOSURES, row.exposure, 'circle.exposure'),
    exposedAt: row.exposedAt,
  };
}

/**
 * The stored form of `Circle.reminderLeadMinutes`: JSON text of the distinct minutes, largest first.
 * @param minutes - Whole minutes before a meeting.
 * @returns JSON text such as `[60,15]`.
 */
export function leadMinutesText(minutes: readonly number[]): string {
  for (const minute of minutes) {
    if (!Number.isSafeInteger(minute)) throw new RangeError(`reminder lead ${minute} is not a whole number`);
  }
  return JSON.stringify([...new Set(minutes)].sort((a, b) => b - a));
}

function parseLeadMinutes(circleId: string, text: string): number[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CorruptRowError(`circle ${circleId} has invalid JSON reminder_lead_minutes`);
  }
  if (!Array.isArray(value) || !value.every((item) => Number.isSafeInteger(item))) {
    throw new CorruptRowError(`circle ${circleId} reminder_lead_minutes is not an array of whole numbers`);
  }
  return value as number[];
}

/** Maps a `memberships` row. */
export function toMembership(row: MembershipRow): Membership {
  return {
    id: row.id,
    circleId: row.circleId,
    userId: row.userId,
    status: oneOf(MEMBERSHIP_STATUSES, row.status, 'membership.status'),
    statusSince: row.statusSince,
    acceptedVersion: row.acceptedVersion,
    acceptedAt: row.acceptedAt,
    createdAt: row.createdAt,
  };
}

/** Maps a `guild_settings` row. */
export function toGuildSettings(row: GuildSettingsRow): GuildSettings {
  return {
    guildId: row.guildId,
    moderatorRoleId: row.moderatorRoleId,
    categoryId: row.categoryId,
    modLogChannelId: row.modLogChannelId,
  };
}

/** Maps an `agreements` row. */
export function toAgreement(row: AgreementRow): Agreement {
  return {
    circleId: row.circleId,
    version: row.version,
    text: row.text,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

/** Maps an `audit_events` row; `detail` is JSON text holding an object. */
export function toAuditEvent(row: AuditEventRow): AuditEvent {
  let detail: unknown;
  try {
    detail = JSON.parse(row.detail);
  } catch {
    throw new CorruptRowError(`audit event ${row.id} has invalid JSON detail`);
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    throw new CorruptRowError(`audit event ${row.id} detail is not an object`);
  }
  return {
    guildId: row.guildId,
    circleId: row.circleId,
    actorId: row.actorId,
    action: row.action,
    detail: detail as AuditEvent['detail'],
    at: row.at,
  };
}
