/** Versions of a circle's agreement and who accepted which. */
import type { Agreement, AgreementRepository } from '../../services/membership/index.js';
import type { Agreement as AgreementRow } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';
import { mapDuplicate } from '../errors.js';
import type { DomainColumns } from './rows.js';

/** Maps an `agreements` row. */
export function toAgreement(row: AgreementRow): Agreement {
  const columns: DomainColumns<Agreement, AgreementRow> = row;
  return { ...columns };
}

/** `AgreementRepository` over Prisma; works on the client or inside a transaction. */
export class PrismaAgreementRepository implements AgreementRepository {
  constructor(private readonly db: Db) {}

  async get(circleId: string, version: number): Promise<Agreement | null> {
    const row = await this.db.agreement.findUnique({ where: { circleId_version: { circleId, version } } });
    return row === null ? null : toAgreement(row);
  }

  /** Adds a version; `DuplicateError` (`Agreement.circleId,version`) when it exists. */
  async add(agreement: Agreement): Promise<Agreement> {
    const row = await mapDuplicate('Agreement', () =>
      this.db.agreement.create({
        data: {
          circleId: agreement.circleId,
          version: agreement.version,
          text: agreement.text,
          createdBy: agreement.createdBy,
          createdAt: agreement.createdAt,
        },
      }),
    );
    return toAgreement(row);
  }

  /** Idempotent: accepting a version again keeps the first acceptance time. */
  async recordAcceptance(acceptance: {
    circleId: string;
    userId: string;
    version: number;
    at: Date;
  }): Promise<void> {
    const { circleId, userId, version, at } = acceptance;
    await mapDuplicate('AgreementAcceptance', () =>
      this.db.agreementAcceptance.upsert({
        where: { circleId_userId_version: { circleId, userId, version } },
        create: { circleId, userId, version, acceptedAt: at },
        update: {},
      }),
    );
  }

  async acceptances(circleId: string, userId: string): Promise<{ version: number; at: Date }[]> {
    const rows = await this.db.agreementAcceptance.findMany({
      where: { circleId, userId },
      orderBy: [{ acceptedAt: 'asc' }, { version: 'asc' }],
    });
    return rows.map((row) => ({ version: row.version, at: row.acceptedAt }));
  }
}
