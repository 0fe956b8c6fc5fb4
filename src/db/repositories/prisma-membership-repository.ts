/** Memberships: places, the waitlist and acceptance of the agreement. */
import type {
  Membership,
  MembershipPatch,
  MembershipRepository,
  MembershipStatus,
  MembershipWithCircle,
} from '../../services/membership/index.js';
import { NotFoundError } from '../../services/kernel/index.js';
import type { Membership as MembershipRow, Prisma } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';
import { isNotFound, mapDuplicate } from '../errors.js';
import { toCircle } from './prisma-circle-repository.js';
import { oneOf, type DomainColumns } from './rows.js';
import { updateData } from './update-data.js';

/** Every membership status; `satisfies` keeps the list in step with the type. */
export const MEMBERSHIP_STATUSES = Object.keys({
  waitlisted: 1,
  pending: 1,
  active: 1,
  left: 1,
} satisfies Record<MembershipStatus, 1>) as MembershipStatus[];

/** Statuses that hold a place in a circle. */
const SEAT_STATUSES: MembershipStatus[] = ['pending', 'active'];

/** Maps a `memberships` row. */
export function toMembership(row: MembershipRow): Membership {
  const columns: DomainColumns<Membership, MembershipRow> = row;
  return { ...columns, status: oneOf(MEMBERSHIP_STATUSES, row.status, 'membership.status') };
}

/** `MembershipRepository` over Prisma. */
export class PrismaMembershipRepository implements MembershipRepository {
  constructor(private readonly db: Db) {}

  async find(circleId: string, userId: string): Promise<Membership | null> {
    const row = await this.db.membership.findUnique({ where: { circleId_userId: { circleId, userId } } });
    return row === null ? null : toMembership(row);
  }

  /**
   * Creates the membership (created at `now`) or, when the user has a row in the circle already
   * (someone who left), sets its status and `statusSince`. Acceptance fields are kept as they are;
   * clear them with `update` if the service wants a fresh acceptance.
   */
  async upsert(
    circleId: string,
    userId: string,
    patch: Required<Pick<MembershipPatch, 'status' | 'statusSince'>>,
    now: Date,
  ): Promise<Membership> {
    const row = await mapDuplicate('Membership', () =>
      this.db.membership.upsert({
        where: { circleId_userId: { circleId, userId } },
        create: { circleId, userId, status: patch.status, statusSince: patch.statusSince, createdAt: now },
        update: { status: patch.status, statusSince: patch.statusSince },
      }),
    );
    return toMembership(row);
  }

  async update(id: string, patch: MembershipPatch): Promise<Membership> {
    const data = updateData<MembershipPatch, Prisma.MembershipUpdateInput>(patch);
    try {
      return toMembership(await this.db.membership.update({ where: { id }, data }));
    } catch (error) {
      if (isNotFound(error)) throw new NotFoundError('That membership no longer exists.');
      throw error;
    }
  }

  /** Oldest `statusSince` first (ties by creation, then id), which is the waitlist order. */
  async listByCircle(circleId: string, statuses: MembershipStatus[]): Promise<Membership[]> {
    const rows = await this.db.membership.findMany({
      where: { circleId, status: { in: statuses } },
      orderBy: [{ statusSince: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toMembership);
  }

  /** Ordered by circle name. */
  async listByUser(
    guildId: string,
    userId: string,
    statuses: MembershipStatus[],
  ): Promise<MembershipWithCircle[]> {
    const rows = await this.db.membership.findMany({
      where: { userId, status: { in: statuses }, circle: { guildId } },
      include: { circle: true },
      orderBy: { circle: { nameKey: 'asc' } },
    });
    return rows.map(({ circle, ...membership }) => ({
      ...toMembership(membership),
      circle: toCircle(circle),
    }));
  }

  async countSeats(circleId: string): Promise<number> {
    return this.db.membership.count({ where: { circleId, status: { in: SEAT_STATUSES } } });
  }
}
