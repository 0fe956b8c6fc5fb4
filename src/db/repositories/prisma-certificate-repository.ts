/** Certificates of attendance issued, by the hash of their verification code. */
import type { Certificate, CertificateRepository } from '../../services/attendance/index.js';
import type { Db } from '../prisma-client.js';

/** `CertificateRepository` over Prisma. */
export class PrismaCertificateRepository implements CertificateRepository {
  constructor(private readonly db: Db) {}

  async add(certificate: Omit<Certificate, 'id'>): Promise<Certificate> {
    return this.db.certificate.create({ data: certificate });
  }

  async findByCodeHash(guildId: string, codeHash: string): Promise<Certificate | null> {
    return this.db.certificate.findFirst({ where: { guildId, codeHash } });
  }

  /** One statement, so that several processes purging at once delete each row once. */
  async purgeIssuedBefore(cutoff: Date): Promise<number> {
    const { count } = await this.db.certificate.deleteMany({ where: { issuedAt: { lt: cutoff } } });
    return count;
  }
}
