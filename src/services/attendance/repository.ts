/**
 * The repository port of the attendance feature: how its services read and write what the bot keeps.
 * Implemented over Prisma in `src/db/repositories`.
 */
import type { AttendanceRole, Attendance, AttendedMeeting, Certificate } from './model.js';

export interface AttendanceRepository {
  /** Records a check-in; false when that member already checked in to that meeting. */
  record(attendance: Attendance): Promise<boolean>;
  /**
   * Adds a role to a member's attendance of a meeting, recording the attendance (at `at`) when there
   * is none yet: a presenter is present even without a check-in.
   */
  addRole(attendance: Omit<Attendance, 'roles'>, role: AttendanceRole): Promise<void>;
  /**
   * Removes a role from a member's attendance of a meeting; the attendance goes when no role is left.
   * Returns whether the member held the role.
   */
  removeRole(meetingId: string, userId: string, role: AttendanceRole): Promise<boolean>;
  listForMeeting(meetingId: string): Promise<Attendance[]>;
  /**
   * Every member's attendance of a circle's meetings that started in `[from, to)`, with the meetings,
   * by meeting start, then check-in.
   */
  listForCircle(circleId: string, range: { from: Date; to: Date }): Promise<AttendedMeeting[]>;
  /** Deletes the attendance of meetings that started before `cutoff`; returns how many. */
  purgeBefore(cutoff: Date): Promise<number>;
  /**
   * A member's attended meetings in the given circles that started in `[from, to)`, with the meetings,
   * earliest first.
   */
  listForMember(
    userId: string,
    filter: { circleIds: readonly string[]; from: Date; to: Date },
  ): Promise<AttendedMeeting[]>;
}

/** Certificates issued: what each showed (as a digest) under the hash of its verification code. */
export interface CertificateRepository {
  add(certificate: Omit<Certificate, 'id'>): Promise<Certificate>;
  /** The certificate of a server with this code hash, if any. */
  findByCodeHash(guildId: string, codeHash: string): Promise<Certificate | null>;
  /** Deletes certificates issued before `cutoff` (one statement); returns how many. */
  purgeIssuedBefore(cutoff: Date): Promise<number>;
}
