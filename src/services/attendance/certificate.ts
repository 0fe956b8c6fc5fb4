/**
 * Certificates of attendance: issued to a member for one circle and a range of dates, as a PDF with a
 * verification code; `/attendance verify` answers whether a code belongs to a certificate of this
 * server and whether the records it showed are unchanged. The bot keeps only the hash of the code and
 * a digest of the facts (meeting ids, times, roles, hours).
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Circle, findCircle, notFound } from '../circles/index.js';
import {
  type Actor,
  NotFoundError,
  type Repositories,
  type ServiceDeps,
  ValidationError,
} from '../kernel/index.js';
import { renderCertificate } from './certificate-pdf.js';
import type { Certificate } from './model.js';
import { dateRange, type DateRange, rangeOf } from './range.js';
import { circleZone, type MeetingRecord, meetingRecords } from './records.js';

/** Crockford's base 32: no I, L, O or U, so a code read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16;
/** A code as typed: its 16 characters, with dashes or spaces between groups (`7K3Q-M9XA-2PRT-H4WD`). */
export const CODE_TEXT_MIN_LENGTH = CODE_LENGTH;
export const CODE_TEXT_MAX_LENGTH = 24;

/** A new verification code: 80 random bits, as `XXXX-XXXX-XXXX-XXXX`. */
export function newCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** A code as typed (any case, spaces or dashes, O for 0, I and L for 1), or null if it cannot be one. */
export function normaliseCode(text: string): string | null {
  if (text.length > CODE_TEXT_MAX_LENGTH) return null;
  const chars = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return chars.length === CODE_LENGTH && [...chars].every((c) => ALPHABET.includes(c)) ? chars : null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The hash under which a normalised code is kept. */
export const codeHash = (code: string) => sha256(`certificate:${code}`);

/** What a certificate shows of a member's records, digested: changes when any of it changes. */
function factsDigest(circle: Circle, userId: string, range: DateRange, lines: readonly Line[]): string {
  return sha256(
    JSON.stringify({
      circleId: circle.id,
      userId,
      from: range.fromDate,
      to: range.toDate,
      meetings: lines.map(({ record, roles }) => [
        record.meeting.id,
        record.meeting.startsAt.toISOString(),
        record.meeting.endsAt.toISOString(),
        roles,
        record.hours,
      ]),
    }),
  );
}

interface Line {
  record: MeetingRecord;
  roles: string[];
}

/** The member's lines of a circle's records in a range. */
async function linesOf(repos: Repositories, circle: Circle, userId: string, range: DateRange, zone: string) {
  const records = await meetingRecords(repos, circle, range, zone);
  return records.flatMap((record) => {
    const mine = record.attendees.find((a) => a.userId === userId);
    return mine ? [{ record, roles: [...mine.roles] }] : [];
  });
}

const hoursText = (hours: number) => `${hours} ${hours === 1 ? 'hour' : 'hours'}`;

export interface IssuedCertificate {
  circle: Circle;
  range: DateRange;
  code: string;
  meetings: number;
  hours: number;
  pdf: Buffer;
}

/** Issues the caller's certificate for one circle they are or were in. */
export async function issueCertificate(
  deps: ServiceDeps,
  actor: Actor,
  options: { circle: string; from?: string | null; to?: string | null; serverName: string },
): Promise<IssuedCertificate> {
  const { store, platform, clock } = deps;
  const circle = await findCircle(store, actor, { name: options.circle, right: 'any', archived: true });
  // Someone who was never in it learns nothing of it, not even that it exists.
  if ((await store.memberships.find(circle.id, actor.userId)) === null) throw notFound(options.circle);
  const now = clock.now();
  const zone = await circleZone(store, circle);
  const range = dateRange(options.from, options.to, now, zone);
  const lines = await linesOf(store, circle, actor.userId, range, zone);
  if (lines.length === 0) {
    throw new NotFoundError(
      `You have no recorded attendance in **${circle.name}** from ${range.fromDate} to ${range.toDate}.`,
    );
  }
  const hours = lines.reduce((sum, line) => sum + line.record.hours, 0);
  const code = newCode();
  const ids = [
    actor.userId,
    circle.leaderId,
    circle.coLeaderId,
    ...lines.flatMap((l) => l.record.facilitatorIds),
  ];
  const names = await platform.displayNames(
    circle.guildId,
    ids.filter((id): id is string => id !== null),
  );
  const name = (id: string) => names.get(id) ?? 'unknown';
  const leaders = [circle.leaderId, circle.coLeaderId].filter((id): id is string => id !== null);
  const confirmation = leaders.length
    ? `Confirmed from the circle's records by its ${leaders.length > 1 ? 'leaders' : 'leader'}: ${leaders.map(name).join(' and ')}.`
    : 'Confirmed from the circle’s records by the facilitator named for each meeting.';
  const pdf = await renderCertificate({
    title: 'Certificate of attendance',
    heading: [
      `Member: ${name(actor.userId)} (Discord id ${actor.userId})`,
      `Circle: ${circle.name} (${circle.kind.replace('-', ' ')}), on the Discord server ${options.serverName}`,
      `Period: ${range.fromDate} to ${range.toDate}; times in ${zone}`,
    ],
    rows: lines.map(({ record, roles }) => ({
      date: record.date,
      time: `${record.start}–${record.end}`,
      roles: roles.join(', '),
      hours: String(record.hours),
      ledBy: record.facilitatorIds.map(name).join(', ') || '—',
    })),
    footer: [
      `Total: ${lines.length} ${lines.length === 1 ? 'meeting' : 'meetings'}, ${hoursText(hours)} of contact time (in quarter hours, from each meeting's span).`,
      confirmation,
      `Issued ${now.toISOString().slice(0, 10)}. Verification code: ${code}`,
      `To verify, run /attendance verify with this code on that server: it answers whether this certificate was issued there and whether the records it shows are unchanged.`,
    ],
    issuedAt: now,
  });
  await store.certificates.add({
    guildId: circle.guildId,
    circleId: circle.id,
    userId: actor.userId,
    codeHash: codeHash(normaliseCode(code)!),
    fromDate: range.fromDate,
    toDate: range.toDate,
    timeZone: zone,
    meetings: lines.length,
    quarters: Math.round(hours * 4),
    digest: factsDigest(circle, actor.userId, range, lines),
    issuedAt: now,
  });
  return { circle, range, code, meetings: lines.length, hours, pdf };
}

export type Verification =
  { status: 'unknown' } | { status: 'genuine' | 'changed'; certificate: Certificate; circleName: string };

/**
 * Whether a code is that of a certificate issued in this server, and whether the member's records it
 * showed are still as they were (a correction or a purge since makes it `changed`).
 */
export async function verifyCertificate(
  deps: ServiceDeps,
  actor: Actor,
  text: string,
): Promise<Verification> {
  const code = normaliseCode(text);
  if (code === null)
    throw new ValidationError(
      'A verification code has 16 letters and digits, such as `7K3Q-M9XA-2PRT-H4WD`.',
    );
  const { store } = deps;
  const certificate = await store.certificates.findByCodeHash(actor.guildId, codeHash(code));
  const circle = certificate ? await store.circles.findById(certificate.circleId) : null;
  if (!certificate || !circle) return { status: 'unknown' };
  const zone = certificate.timeZone;
  const range = rangeOf(certificate.fromDate, certificate.toDate, zone);
  const lines = await linesOf(store, circle, certificate.userId, range, zone);
  const same = factsDigest(circle, certificate.userId, range, lines) === certificate.digest;
  return { status: same ? 'genuine' : 'changed', certificate, circleName: circle.name };
}
