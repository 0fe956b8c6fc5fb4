/**
 * The repository port of the membership feature: how its services read and write what the bot keeps.
 * Implemented over Prisma in `src/db/repositories`.
 */
import type { Circle } from '../circles/index.js';
import type { Agreement, Membership, MembershipStatus } from './model.js';

/** The fields of a membership that `update` may change; a field left out stays as it is. */
export type MembershipPatch = Partial<
  Pick<Membership, 'status' | 'statusSince' | 'acceptedVersion' | 'acceptedAt'>
>;

/** A membership with its circle. */
export interface MembershipWithCircle extends Membership {
  circle: Circle;
}

/** Memberships: places, the waitlist and who accepted which agreement version. */
export interface MembershipRepository {
  find(circleId: string, userId: string): Promise<Membership | null>;
  /** Creates the membership, or reuses the row of someone who left. */
  upsert(
    circleId: string,
    userId: string,
    patch: Required<Pick<MembershipPatch, 'status' | 'statusSince'>>,
    now: Date,
  ): Promise<Membership>;
  /** Applies `patch`; `NotFoundError` when the membership is gone. */
  update(id: string, patch: MembershipPatch): Promise<Membership>;
  /** Memberships of a circle in the given statuses, oldest `statusSince` first. */
  listByCircle(circleId: string, statuses: MembershipStatus[]): Promise<Membership[]>;
  /** A user's memberships in one server (with their circles) in the given statuses. */
  listByUser(guildId: string, userId: string, statuses: MembershipStatus[]): Promise<MembershipWithCircle[]>;
  /** Number of places taken: pending plus active. */
  countSeats(circleId: string): Promise<number>;
}

/** Versions of a circle's agreement and their acceptances. */
export interface AgreementRepository {
  get(circleId: string, version: number): Promise<Agreement | null>;
  /** Adds the next version; the caller moves `Circle.agreementVersion` in the same transaction. */
  add(agreement: Agreement): Promise<Agreement>;
  recordAcceptance(acceptance: {
    circleId: string;
    userId: string;
    version: number;
    at: Date;
  }): Promise<void>;
  /** Versions a user accepted in a circle, oldest first. */
  acceptances(circleId: string, userId: string): Promise<{ version: number; at: Date }[]>;
}
