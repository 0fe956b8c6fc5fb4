/**
 * The store: every feature's repository port together, and the transaction that spans them.
 * Implemented over Prisma in `src/db`; one contract suite runs it against SQLite and PostgreSQL.
 */
import type { AttendanceRepository, CertificateRepository } from '../attendance/index.js';
import type { AuditRepository } from '../audit/index.js';
import type { CaseRepository } from '../cases/index.js';
import type { CircleRepository } from '../circles/index.js';
import type { DropInRepository } from '../dropins/index.js';
import type { FacilitationRepository } from '../facilitation/index.js';
import type { GuildSettingsRepository } from './guild-settings.js';
import type { MeetingRepository, ScheduleRepository } from '../meetings/index.js';
import type { AgreementRepository, MembershipRepository } from '../membership/index.js';
import type { OpenCallRepository } from '../open-calls/index.js';
import type { PersonalDataRepository } from '../privacy/index.js';
import type { FollowUpRepository, ReminderRepository } from '../reminders/index.js';

/** Small persistent values of the bot itself (e.g. the hash of the registered commands). */
export interface KeyValueRepository {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export interface Repositories {
  guilds: GuildSettingsRepository;
  circles: CircleRepository;
  memberships: MembershipRepository;
  agreements: AgreementRepository;
  audit: AuditRepository;
  keyValues: KeyValueRepository;
  schedules: ScheduleRepository;
  meetings: MeetingRepository;
  reminders: ReminderRepository;
  followUps: FollowUpRepository;
  attendance: AttendanceRepository;
  certificates: CertificateRepository;
  cases: CaseRepository;
  facilitation: FacilitationRepository;
  personalData: PersonalDataRepository;
  openCalls: OpenCallRepository;
  dropIns: DropInRepository;
}

export interface Store extends Repositories {
  /**
   * Runs `work` in one serializable transaction, retrying it when the database reports a
   * serialization conflict. Everything `work` writes through `tx` commits together or not at all.
   */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * Runs `work` only if no other process (or other call in this one) is running work under the
   * same `name`: on PostgreSQL under a session advisory lock, which the database lets go if the
   * process dies; on SQLite (one process) within the process. Returns whether `work` ran. With
   * `waitMs`, waits up to that long for the other holder to finish first.
   */
  exclusive(name: string, work: () => Promise<void>, options?: { waitMs?: number }): Promise<boolean>;
  close(): Promise<void>;
}
