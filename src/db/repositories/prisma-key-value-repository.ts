/** Small persistent values of the bot itself. */
import type { KeyValueRepository } from '../../services/kernel/index.js';
import type { Db } from '../prisma-client.js';

/** `KeyValueRepository` over Prisma. */
export class PrismaKeyValueRepository implements KeyValueRepository {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<string | null> {
    const row = await this.db.keyValue.findUnique({ where: { key } });
    return row?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.keyValue.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
}
